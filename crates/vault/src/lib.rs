//! Encryption at rest: the data key, kept only wrapped by a passphrase, and sealed files.
//!
//! One random data key (64 bytes: half for the database through SQLCipher, half for files) is
//! made when a database is first encrypted and never changes; the key file beside the database
//! (`<db>.key`) keeps it wrapped by a key derived from the passphrase with argon2id
//! (memory-hard). Changing the passphrase rewraps the data key and rewrites only that small
//! file, whole, so an interrupted change loses nothing; destroying the key file makes every copy
//! encrypted with the data key unreadable.
//!
//! Files (photos, thumbnails, receipts, backups' parts) are sealed with XChaCha20-Poly1305
//! (authenticated: a flipped byte is refused, never decrypted into something else), each with a
//! random 24-byte nonce, behind a magic header so a sealed file is told from a plain one.
//!
//! Architecture invariant: this crate knows keys and bytes; it writes no file itself (the
//! callers write whole files) and holds no words for people beyond its errors.

#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use tsudoi_core::{Lang, Localized};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// The fewest characters a passphrase may have. A passphrase guards every record on a laptop
/// that travels to venues; argon2id makes each guess slow, length makes guesses many.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// What starts a sealed file.
pub const SEALED_MAGIC: &[u8; 8] = b"TSUDOIS1";
const NONCE_LEN: usize = 24;
/// What the key file's wrapping is bound to, so a sealed file can never pass for a key file.
const KEY_FILE_AAD: &[u8] = b"tsudoi key file v1";
const SEALED_FILE_AAD: &[u8] = b"tsudoi sealed file v1";

/// argon2id's cost for the passphrase: 64 MiB and 3 passes (OWASP's first recommended setting
/// for argon2id is 19 MiB × 2; a key that guards a whole database earns more).
const KDF_MEMORY_KIB: u32 = 64 * 1024;
const KDF_PASSES: u32 = 3;
const KDF_LANES: u32 = 1;

/// Why a key or a sealed file could not be used. Nothing is changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    #[error("the passphrase is wrong")]
    WrongPassphrase,
    #[error("the passphrase is shorter than {min} characters")]
    PassphraseTooShort { min: usize },
    #[error("the two passphrases typed differ")]
    PassphrasesDiffer,
    #[error("the key file is damaged or not Tsudoi's: {0}")]
    DamagedKeyFile(String),
    #[error("an encrypted file is damaged or was encrypted with another key")]
    DamagedFile,
    #[error("the system gave no random numbers")]
    NoRandomness,
}

impl Localized for VaultError {
    fn code(&self) -> &'static str {
        match self {
            VaultError::WrongPassphrase => "vault.wrong_passphrase",
            VaultError::PassphraseTooShort { .. } => "vault.passphrase_too_short",
            VaultError::PassphrasesDiffer => "vault.passphrases_differ",
            VaultError::DamagedKeyFile(_) => "vault.damaged_key_file",
            VaultError::DamagedFile => "vault.damaged_file",
            VaultError::NoRandomness => "vault.no_randomness",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (VaultError::WrongPassphrase, Lang::Ja) => {
                "パスフレーズが違います。何も変更していません。大文字・小文字と全角・半角を確かめて、もう一度入力してください。".into()
            }
            (VaultError::WrongPassphrase, Lang::En) => {
                "The passphrase is wrong. Nothing was changed. Check upper/lower case and full-width characters, and type it again.".into()
            }
            (VaultError::PassphraseTooShort { min }, Lang::Ja) => {
                format!("パスフレーズは{min}文字以上にしてください。覚えやすい言葉を3つ以上つなげると安全です。")
            }
            (VaultError::PassphraseTooShort { min }, Lang::En) => {
                format!("The passphrase needs at least {min} characters. Three or more words you can remember, joined, make a strong one.")
            }
            (VaultError::PassphrasesDiffer, Lang::Ja) => {
                "確認のために入力したパスフレーズが一致しません。もう一度同じものを入力してください。".into()
            }
            (VaultError::PassphrasesDiffer, Lang::En) => {
                "The two passphrases typed differ. Type the same one twice.".into()
            }
            (VaultError::DamagedKeyFile(detail), Lang::Ja) => format!(
                "暗号鍵のファイルが壊れているか、集いのものではありません（{detail}）。バックアップから復元してください。"
            ),
            (VaultError::DamagedKeyFile(detail), Lang::En) => format!(
                "The key file is damaged or not Tsudoi's ({detail}). Restore from a backup."
            ),
            (VaultError::DamagedFile, Lang::Ja) => {
                "暗号化されたファイルが壊れているか、別の鍵で暗号化されています。何も変更していません。".into()
            }
            (VaultError::DamagedFile, Lang::En) => {
                "An encrypted file is damaged or was encrypted with another key. Nothing was changed.".into()
            }
            (VaultError::NoRandomness, Lang::Ja) => {
                "乱数を得られず、鍵を作れませんでした。パソコンを再起動してからもう一度試してください。".into()
            }
            (VaultError::NoRandomness, Lang::En) => {
                "The system gave no random numbers, so no key could be made. Restart the computer and try again.".into()
            }
        }
    }
}

pub type Result<T> = std::result::Result<T, VaultError>;

/// Refuses a passphrase too short to guard the data (counted in characters, not bytes).
pub fn check_new_passphrase(passphrase: &str, repeated: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(VaultError::PassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    if passphrase != repeated {
        return Err(VaultError::PassphrasesDiffer);
    }
    Ok(())
}

/// The key file beside a database: `tsudoi.sqlite3` → `tsudoi.sqlite3.key`.
pub fn key_file_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".key");
    PathBuf::from(name)
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| VaultError::NoRandomness)?;
    Ok(bytes)
}

/// The data key: never written in clear, wiped from memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct DataKey {
    database: [u8; 32],
    files: [u8; 32],
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

impl DataKey {
    fn generate() -> Result<DataKey> {
        Ok(DataKey {
            database: random()?,
            files: random()?,
        })
    }

    fn from_bytes(bytes: &[u8]) -> Result<DataKey> {
        if bytes.len() != 64 {
            return Err(VaultError::DamagedKeyFile(
                "wrapped key has the wrong length".into(),
            ));
        }
        let mut key = DataKey {
            database: [0; 32],
            files: [0; 32],
        };
        key.database.copy_from_slice(&bytes[..32]);
        key.files.copy_from_slice(&bytes[32..]);
        Ok(key)
    }

    fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        let mut bytes = Zeroizing::new(Vec::with_capacity(64));
        bytes.extend_from_slice(&self.database);
        bytes.extend_from_slice(&self.files);
        bytes
    }

    /// The value of SQLCipher's `PRAGMA key` for this key: a raw 256-bit key (`x'…'`), so
    /// SQLCipher runs no key derivation of its own (argon2id already did).
    pub fn sqlcipher_pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.database)))
    }

    /// Seals `plain`: magic, nonce, then the ciphertext with its tag.
    pub fn seal(&self, plain: &[u8]) -> Result<Vec<u8>> {
        let cipher = XChaCha20Poly1305::new((&self.files).into());
        let nonce: [u8; NONCE_LEN] = random()?;
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: SEALED_FILE_AAD,
                },
            )
            .map_err(|_| VaultError::DamagedFile)?;
        let mut out = Vec::with_capacity(SEALED_MAGIC.len() + NONCE_LEN + sealed.len());
        out.extend_from_slice(SEALED_MAGIC);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Opens what [`DataKey::seal`] made; a changed byte or another key is refused.
    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>> {
        let body = sealed.strip_prefix(SEALED_MAGIC).ok_or(VaultError::DamagedFile)?;
        if body.len() < NONCE_LEN {
            return Err(VaultError::DamagedFile);
        }
        let (nonce, ciphertext) = body.split_at(NONCE_LEN);
        XChaCha20Poly1305::new((&self.files).into())
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: SEALED_FILE_AAD,
                },
            )
            .map_err(|_| VaultError::DamagedFile)
    }
}

/// Whether `bytes` are a sealed file (by the magic; [`DataKey::open`] proves the rest).
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(SEALED_MAGIC)
}

/// How the passphrase becomes the key that wraps the data key; kept in the key file so a later
/// Tsudoi with stronger settings still opens an older file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfSettings {
    pub algorithm: String,
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
    pub salt: String,
}

/// The key file: the data key wrapped by the passphrase. Holds nothing readable without it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    pub format: u32,
    pub kdf: KdfSettings,
    pub nonce: String,
    pub wrapped_key: String,
}

impl KeyFile {
    /// A new data key, and the key file that keeps it under `passphrase`.
    pub fn create(passphrase: &str) -> Result<(KeyFile, DataKey)> {
        let key = DataKey::generate()?;
        let file = KeyFile::wrap(&key, passphrase)?;
        Ok((file, key))
    }

    fn wrap(key: &DataKey, passphrase: &str) -> Result<KeyFile> {
        let salt: [u8; 16] = random()?;
        let kdf = KdfSettings {
            algorithm: "argon2id".into(),
            memory_kib: KDF_MEMORY_KIB,
            passes: KDF_PASSES,
            lanes: KDF_LANES,
            salt: hex::encode(salt),
        };
        let wrapping = derive(&kdf, passphrase)?;
        let nonce: [u8; NONCE_LEN] = random()?;
        let wrapped = XChaCha20Poly1305::new((&*wrapping).into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &key.to_bytes(),
                    aad: KEY_FILE_AAD,
                },
            )
            .map_err(|_| VaultError::NoRandomness)?;
        Ok(KeyFile {
            format: 1,
            kdf,
            nonce: hex::encode(nonce),
            wrapped_key: hex::encode(wrapped),
        })
    }

    /// The data key, if `passphrase` is the one the file was made with.
    pub fn unlock(&self, passphrase: &str) -> Result<DataKey> {
        if self.format != 1 {
            return Err(VaultError::DamagedKeyFile(format!("format {}", self.format)));
        }
        let wrapping = derive(&self.kdf, passphrase)?;
        let nonce = hex_field(&self.nonce, "nonce")?;
        let wrapped = hex_field(&self.wrapped_key, "wrapped_key")?;
        if nonce.len() != NONCE_LEN {
            return Err(VaultError::DamagedKeyFile("nonce".into()));
        }
        let bytes = Zeroizing::new(
            XChaCha20Poly1305::new((&*wrapping).into())
                .decrypt(
                    XNonce::from_slice(&nonce),
                    Payload {
                        msg: &wrapped,
                        aad: KEY_FILE_AAD,
                    },
                )
                .map_err(|_| VaultError::WrongPassphrase)?,
        );
        DataKey::from_bytes(&bytes)
    }

    /// The same data key under a new passphrase (with a new salt).
    pub fn rewrapped(&self, old_passphrase: &str, new_passphrase: &str) -> Result<KeyFile> {
        let key = self.unlock(old_passphrase)?;
        KeyFile::wrap(&key, new_passphrase)
    }

    pub fn to_json(&self) -> Vec<u8> {
        // A struct of strings and numbers always serialises.
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    pub fn from_json(bytes: &[u8]) -> Result<KeyFile> {
        serde_json::from_slice(bytes).map_err(|e| VaultError::DamagedKeyFile(e.to_string()))
    }
}

fn hex_field(text: &str, name: &str) -> Result<Vec<u8>> {
    hex::decode(text).map_err(|_| VaultError::DamagedKeyFile(name.into()))
}

/// The wrapping key: argon2id of the passphrase with the file's settings.
fn derive(kdf: &KdfSettings, passphrase: &str) -> Result<Zeroizing<[u8; 32]>> {
    if kdf.algorithm != "argon2id" {
        return Err(VaultError::DamagedKeyFile(format!("kdf {}", kdf.algorithm)));
    }
    // Bounds keep a forged key file from asking for terabytes of memory.
    if kdf.memory_kib > 4 * 1024 * 1024 || kdf.passes > 100 || kdf.lanes > 16 {
        return Err(VaultError::DamagedKeyFile("kdf settings out of range".into()));
    }
    let salt = hex_field(&kdf.salt, "salt")?;
    let params = Params::new(kdf.memory_kib, kdf.passes, kdf.lanes, Some(32))
        .map_err(|e| VaultError::DamagedKeyFile(e.to_string()))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), &salt, &mut *out)
        .map_err(|e| VaultError::DamagedKeyFile(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_passphrase_unlocks_the_same_key_and_a_wrong_one_is_refused() {
        let (file, key) = KeyFile::create("correct horse battery").unwrap();
        let again = KeyFile::from_json(&file.to_json())
            .unwrap()
            .unlock("correct horse battery")
            .unwrap();
        assert_eq!(again.to_bytes(), key.to_bytes());
        assert_eq!(
            file.unlock("correct horse batterY").unwrap_err(),
            VaultError::WrongPassphrase
        );
    }

    #[test]
    fn a_rewrapped_file_opens_with_the_new_passphrase_only_and_keeps_the_key() {
        let (file, key) = KeyFile::create("first passphrase").unwrap();
        let new = file.rewrapped("first passphrase", "second passphrase").unwrap();
        assert_eq!(
            new.unlock("second passphrase").unwrap().to_bytes(),
            key.to_bytes()
        );
        assert_eq!(
            new.unlock("first passphrase").unwrap_err(),
            VaultError::WrongPassphrase
        );
        assert_ne!(new.kdf.salt, file.kdf.salt);
        assert_eq!(
            file.rewrapped("wrong one!!", "x").unwrap_err(),
            VaultError::WrongPassphrase
        );
    }

    #[test]
    fn sealed_bytes_open_with_their_key_and_any_flipped_byte_is_refused() {
        let (_, key) = KeyFile::create("a long passphrase").unwrap();
        let (_, other) = KeyFile::create("a long passphrase").unwrap();
        let plain = "山田太郎 yamada@example.jp".as_bytes();
        let sealed = key.seal(plain).unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(plain.len()).any(|w| w == plain));
        assert_eq!(key.open(&sealed).unwrap(), plain);
        assert_eq!(other.open(&sealed).unwrap_err(), VaultError::DamagedFile);
        for i in 0..sealed.len() {
            let mut flipped = sealed.clone();
            flipped[i] ^= 0x01;
            assert!(key.open(&flipped).is_err(), "byte {i} flipped was accepted");
        }
        assert!(key.open(b"TSUDOIS1short").is_err());
    }

    #[test]
    fn passphrase_rules_at_their_edges() {
        assert_eq!(
            check_new_passphrase("123456789", "123456789").unwrap_err(),
            VaultError::PassphraseTooShort { min: 10 }
        );
        // Ten Japanese characters are ten, not thirty bytes.
        assert!(check_new_passphrase("あいうえおかきくけこ", "あいうえおかきくけこ").is_ok());
        assert_eq!(
            check_new_passphrase("1234567890", "1234567891").unwrap_err(),
            VaultError::PassphrasesDiffer
        );
    }

    #[test]
    fn a_forged_key_file_cannot_ask_for_unbounded_memory() {
        let (mut file, _) = KeyFile::create("a long passphrase").unwrap();
        file.kdf.memory_kib = u32::MAX;
        assert!(matches!(
            file.unlock("a long passphrase"),
            Err(VaultError::DamagedKeyFile(_))
        ));
    }

    #[test]
    fn the_sqlcipher_key_is_a_raw_hex_key() {
        let (_, key) = KeyFile::create("a long passphrase").unwrap();
        let value = key.sqlcipher_pragma_value();
        assert!(value.starts_with("x'") && value.ends_with('\'') && value.len() == 67);
    }
}
