//! What every Word document the server writes shares: Arial, real heading styles (so Word's
//! navigation pane and a screen reader see the structure), and paragraphs and tables in the
//! document's direction — right to left in Hebrew.

use docx_rs::{AlignmentType, Docx, Paragraph, Run, RunFonts, Style, StyleType, Table, TableCell, TableRow};

/// An empty document with the fonts and heading styles.
pub fn document() -> Docx {
    Docx::new()
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(22)
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("Heading 1").size(36).bold())
        .add_style(Style::new("Heading2", StyleType::Paragraph).name("Heading 2").size(28).bold())
        .add_style(Style::new("Heading3", StyleType::Paragraph).name("Heading 3").size(24).bold())
}

/// A paragraph in the document's direction.
pub fn paragraph(text: &str, rtl: bool) -> Paragraph {
    let mut p = Paragraph::new().add_run(Run::new().add_text(text));
    if rtl {
        p.property = p.property.bidi(true);
        p = p.align(AlignmentType::Right);
    }
    p
}

pub fn heading(text: &str, level: usize, rtl: bool) -> Paragraph {
    paragraph(text, rtl).style(&format!("Heading{level}"))
}

pub fn table(header: &[&str], rows: Vec<Vec<String>>, rtl: bool) -> Table {
    let row = |cells: Vec<String>, bold: bool| {
        TableRow::new(
            cells
                .into_iter()
                .map(|text| {
                    let p = paragraph(&text, rtl);
                    TableCell::new().add_paragraph(if bold { p.bold() } else { p })
                })
                .collect(),
        )
    };
    let mut rows: Vec<TableRow> = rows.into_iter().map(|cells| row(cells, false)).collect();
    rows.insert(0, row(header.iter().map(|h| (*h).to_owned()).collect(), true));
    Table::new(rows)
}
