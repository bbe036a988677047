//! Closed sets of choices (category, mode, status …): one identifier each for code, CSV and the
//! database, and a Japanese and an English label for people.

/// Declares a closed choice with `ALL`, `as_str`, `label` and a `parse` that accepts the
/// identifier or either label. Identifiers are snake_case and equal serde's names.
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident as $field:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal, $ja:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every choice, in the order forms list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The identifier used in code, the database, CSV headers and the CLI.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $id, )+ }
            }

            /// The label shown to people.
            pub fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                match self { $( $name::$variant => lang.pick($ja, $en), )+ }
            }

            /// Reads an identifier or a Japanese or English label (English without regard to case).
            pub fn parse(value: &str) -> Result<$name, $crate::error::ValidationError> {
                let value = value.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|c| {
                        c.as_str() == value
                            || c.label($crate::i18n::Lang::Ja) == value
                            || c.label($crate::i18n::Lang::En).eq_ignore_ascii_case(value)
                    })
                    .ok_or_else(|| $crate::error::ValidationError::UnknownChoice {
                        field: $field,
                        value: value.to_string(),
                        allowed: Self::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}
