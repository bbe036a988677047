//! A minimal typst world: one template, one JSON data file, the images the caller hands in, and
//! the fonts shipped with Tsudoi (then the computer's, unless turned off). Nothing is read from
//! the network or from anywhere else on disk.
//!
//! Every document passes here, so here its data is checked against the fonts before anything is
//! laid out: a character no shipped font draws refuses the document (see `fonts.rs`).

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontFamily, FontList, TextElem};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::{self, font_store};
use crate::ReportError;

/// The standard library with our Gothic as the default text font, so that text a template does
/// not set a font for is still set in a shipped font.
fn library() -> Library {
    let mut library = Library::builder().build();
    let gothic = fonts::GOTHIC_LIST.iter().map(|f| FontFamily::new(f)).collect();
    library.styles.set(TextElem::font, FontList(gothic));
    library
}

fn file_id(path: &str) -> Result<FileId, ReportError> {
    let vpath = VirtualPath::new(path).map_err(|e| ReportError::Typst(format!("{path}: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

pub(crate) struct DocumentWorld {
    library: LazyHash<Library>,
    main: Source,
    /// `/fonts.typ`: the font lists every template imports.
    fonts: Source,
    data_id: FileId,
    data: Bytes,
    /// Further files the template may read (the photos of the minutes), by their virtual path.
    files: Vec<(FileId, Bytes)>,
}

impl DocumentWorld {
    /// A world whose main file is `template` and whose `/data.json` is `data`. Refuses data with
    /// a character none of the shipped fonts can draw.
    pub(crate) fn new(template: &str, data: Vec<u8>) -> Result<DocumentWorld, ReportError> {
        let value: serde_json::Value =
            serde_json::from_slice(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
        fonts::check_data(&value)?;
        Ok(DocumentWorld {
            library: LazyHash::new(library()),
            main: Source::new(file_id("/main.typ")?, template.to_string()),
            fonts: Source::new(file_id("/fonts.typ")?, fonts::fonts_module()),
            data_id: file_id("/data.json")?,
            data: Bytes::new(data),
            files: Vec::new(),
        })
    }

    /// Adds a file the template reads as `path` (e.g. `/photos/ab12.jpg`).
    pub(crate) fn with_file(mut self, path: &str, bytes: Vec<u8>) -> Result<DocumentWorld, ReportError> {
        self.files.push((file_id(path)?, Bytes::new(bytes)));
        Ok(self)
    }

    /// Lays the document out in pages.
    pub(crate) fn layout(&self) -> Result<typst_layout::PagedDocument, ReportError> {
        typst::compile::<typst_layout::PagedDocument>(self)
            .output
            .map_err(diagnostics)
    }

    /// Lays out and writes the PDF.
    pub(crate) fn pdf(&self) -> Result<Vec<u8>, ReportError> {
        typst_pdf::pdf(&self.layout()?, &typst_pdf::PdfOptions::default()).map_err(diagnostics)
    }
}

fn diagnostics(errors: typst::ecow::EcoVec<typst::diag::SourceDiagnostic>) -> ReportError {
    ReportError::Typst(
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        font_store().book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.fonts.id() {
            Ok(self.fonts.clone())
        } else {
            Err(FileError::NotFound(id.get().vpath().get_without_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if let Some((_, bytes)) = self.files.iter().find(|(file, _)| *file == id) {
            Ok(bytes.clone())
        } else {
            Err(FileError::NotFound(id.get().vpath().get_without_slash().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        font_store().font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // Documents carry the dates they are given; the layout never reads the clock.
        None
    }
}
