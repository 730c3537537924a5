//! A codebook: categories with subcategories, each with a definition and examples. Read and
//! written as CSV (`category,subcategory,definition,examples`, then `path,description` for
//! Taguette and QualCoder, which read a code's path and description; a file of `path` — or
//! `tag` or `name` — and `description` alone, as those tools write, is read too) and as a
//! REFI-QDA codebook
//! (`.qdc`, `urn:QDA-XML:codebook:1.0`), the exchange format of NVivo, ATLAS.ti, MAXQDA and
//! QualCoder.

use crate::error::QualitativeError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    pub name: String,
    pub definition: String,
    pub examples: String,
    /// Subcategories (one level, as the report codes).
    pub children: Vec<Code>,
}

impl Code {
    fn new(name: &str, definition: &str, examples: &str) -> Self {
        Self {
            name: name.to_string(),
            definition: definition.to_string(),
            examples: examples.to_string(),
            children: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codebook {
    pub codes: Vec<Code>,
}

impl Codebook {
    /// Reads `category,subcategory,definition,examples` rows. A row with no subcategory defines a
    /// category; a subcategory row adds to its category (created if not defined yet).
    pub fn from_csv(file: &str, text: &str) -> Result<Self, QualitativeError> {
        let bad = |line: u64, problem: String| QualitativeError::BadRow {
            file: file.to_string(),
            line,
            problem,
        };
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| bad(1, e.to_string()))?.clone();
        if headers.get(0) != Some("category") || headers.get(1) != Some("subcategory") {
            let by_path = ["path", "tag", "name"]
                .into_iter()
                .find_map(|h| headers.iter().position(|c| c.eq_ignore_ascii_case(h)));
            if let Some(path_at) = by_path {
                let description_at = headers
                    .iter()
                    .position(|c| c.eq_ignore_ascii_case("description"));
                return Self::from_paths(file, &mut reader, path_at, description_at);
            }
            return Err(bad(
                1,
                "the header must be category,subcategory,definition,examples (or path,description)"
                    .into(),
            ));
        }
        let mut book = Codebook::default();
        for (i, record) in reader.records().enumerate() {
            let line = i as u64 + 2;
            let record = record.map_err(|e| bad(line, e.to_string()))?;
            let cell =
                |n: usize| frontline_safety::spreadsheet::restore(record.get(n).unwrap_or(""));
            let (category, sub) = (cell(0), cell(1));
            if category.is_empty() {
                return Err(bad(line, "category: is empty".into()));
            }
            if let Some(name) = [category, sub]
                .into_iter()
                .find(|n| n.contains(PATH_SEPARATOR))
            {
                return Err(bad(
                    line,
                    format!("'{name}' must not contain '{PATH_SEPARATOR}', which separates a category from its subcategory"),
                ));
            }
            let at = match book.codes.iter().position(|c| c.name == category) {
                Some(at) => at,
                None => {
                    book.codes.push(Code::new(category, "", ""));
                    book.codes.len() - 1
                }
            };
            let parent = &mut book.codes[at];
            if sub.is_empty() {
                parent.definition = cell(2).to_string();
                parent.examples = cell(3).to_string();
            } else if parent.children.iter().any(|c| c.name == sub) {
                return Err(bad(
                    line,
                    format!("subcategory: '{sub}' is already in '{category}'"),
                ));
            } else {
                parent.children.push(Code::new(sub, cell(2), cell(3)));
            }
        }
        if book.codes.is_empty() {
            return Err(QualitativeError::BadFile {
                file: file.to_string(),
                problem: "has no categories".into(),
            });
        }
        Ok(book)
    }

    /// Rows of a code's `path` (`Category / Subcategory`) and `description`, as Taguette and
    /// QualCoder write them; a subcategory's category is created if no row defines it.
    fn from_paths(
        file: &str,
        reader: &mut csv::Reader<&[u8]>,
        path_at: usize,
        description_at: Option<usize>,
    ) -> Result<Self, QualitativeError> {
        let mut book = Codebook::default();
        for (i, record) in reader.records().enumerate() {
            let line = i as u64 + 2;
            let record = record.map_err(|e| QualitativeError::BadRow {
                file: file.to_string(),
                line,
                problem: e.to_string(),
            })?;
            let cell =
                |n: usize| frontline_safety::spreadsheet::restore(record.get(n).unwrap_or(""));
            let path = cell(path_at);
            if path.is_empty() {
                return Err(QualitativeError::BadRow {
                    file: file.to_string(),
                    line,
                    problem: "path: is empty".into(),
                });
            }
            let description = description_at.map(cell).unwrap_or("");
            let (category, sub) = split_path(path);
            let at = match book.codes.iter().position(|c| c.name == category) {
                Some(at) => at,
                None => {
                    book.codes.push(Code::new(category, "", ""));
                    book.codes.len() - 1
                }
            };
            match sub {
                None => book.codes[at].definition = description.to_string(),
                Some(sub) => book.codes[at]
                    .children
                    .push(Code::new(sub, description, "")),
            }
        }
        if book.codes.is_empty() {
            return Err(QualitativeError::BadFile {
                file: file.to_string(),
                problem: "has no categories".into(),
            });
        }
        Ok(book)
    }

    pub fn to_csv(&self) -> String {
        let mut w = frontline_safety::spreadsheet::CsvText::new();
        let mut rows = vec![vec![
            "category".to_string(),
            "subcategory".into(),
            "definition".into(),
            "examples".into(),
            "path".into(),
            "description".into(),
        ]];
        for c in &self.codes {
            rows.push(vec![
                c.name.clone(),
                String::new(),
                c.definition.clone(),
                c.examples.clone(),
                c.name.clone(),
                c.definition.clone(),
            ]);
            for s in &c.children {
                rows.push(vec![
                    c.name.clone(),
                    s.name.clone(),
                    s.definition.clone(),
                    s.examples.clone(),
                    format!("{}{PATH_SEPARATOR}{}", c.name, s.name),
                    s.definition.clone(),
                ]);
            }
        }
        for row in rows {
            // Writing strings to memory cannot fail.
            let _ = w.row(&row);
        }
        w.finish().unwrap_or_default()
    }

    /// The REFI-QDA codebook XML. GUIDs are derived from the code's path, so exporting the same
    /// codebook twice gives the same file.
    pub fn to_qdc(&self, origin: &str) -> String {
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"{}\">\n<Codes>\n",
            xml(origin)
        );
        for c in &self.codes {
            write_code(&mut out, c, &c.name);
        }
        out.push_str("</Codes>\n</CodeBook>\n");
        out
    }

    /// Reads a REFI-QDA codebook. Codes nested below the second level are not kept: Frontline
    /// codes categories and subcategories, as the report does.
    pub fn from_qdc(file: &str, text: &str) -> Result<Self, QualitativeError> {
        let bad = |problem: String| QualitativeError::BadFile {
            file: file.to_string(),
            problem,
        };
        let doc = roxmltree::Document::parse(text).map_err(|e| bad(format!("not XML: {e}")))?;
        let root = doc.root_element();
        if root.tag_name().name() != "CodeBook" {
            return Err(bad(
                "the root element must be CodeBook (REFI-QDA .qdc)".into()
            ));
        }
        let codes_el = root
            .children()
            .find(|n| n.has_tag_name("Codes"))
            .ok_or_else(|| bad("CodeBook has no Codes".into()))?;
        let read = |node: roxmltree::Node| -> Result<Code, QualitativeError> {
            let name = node
                .attribute("name")
                .filter(|n| !n.trim().is_empty())
                .ok_or_else(|| bad("a Code has no name".into()))?;
            let description = node
                .children()
                .find(|n| n.has_tag_name("Description"))
                .and_then(|d| d.text())
                .unwrap_or("");
            let (definition, examples) = match description.split_once("\nExamples: ") {
                Some((d, e)) => (d, e),
                None => (description, ""),
            };
            Ok(Code::new(name.trim(), definition.trim(), examples.trim()))
        };
        let mut book = Codebook::default();
        for node in codes_el.children().filter(|n| n.has_tag_name("Code")) {
            let mut code = read(node)?;
            for child in node.children().filter(|n| n.has_tag_name("Code")) {
                code.children.push(read(child)?);
            }
            book.codes.push(code);
        }
        if book.codes.is_empty() {
            return Err(bad("has no codes".into()));
        }
        Ok(book)
    }

    /// Whether `path` (`Category` or `Category / Subcategory`) is a code of this book.
    pub fn has_path(&self, path: &str) -> bool {
        let (category, sub) = split_path(path);
        self.codes.iter().any(|c| {
            c.name == category && sub.is_none_or(|s| c.children.iter().any(|x| x.name == s))
        })
    }

    /// Every code's path: `Category` and `Category / Subcategory`.
    pub fn paths(&self) -> Vec<String> {
        self.codes
            .iter()
            .flat_map(|c| {
                std::iter::once(c.name.clone()).chain(
                    c.children
                        .iter()
                        .map(move |s| format!("{} / {}", c.name, s.name)),
                )
            })
            .collect()
    }
}

/// `Category / Subcategory` as (category, subcategory).
pub fn split_path(path: &str) -> (&str, Option<&str>) {
    match path.split_once(PATH_SEPARATOR) {
        Some((category, sub)) => (category, Some(sub)),
        None => (path, None),
    }
}

/// Between a category and its subcategory in a code's path.
pub const PATH_SEPARATOR: &str = " / ";

/// The GUID a code is exported under, from its path as [`Codebook::paths`] gives it.
pub fn code_guid(path: &str) -> String {
    match split_path(path) {
        (category, Some(sub)) => guid(&format!("{category}/{sub}")),
        (category, None) => guid(category),
    }
}

pub(crate) fn write_code(out: &mut String, code: &Code, path: &str) {
    out.push_str(&format!(
        "<Code guid=\"{}\" name=\"{}\" isCodable=\"true\">",
        guid(path),
        xml(&code.name)
    ));
    let mut description = code.definition.clone();
    if !code.examples.is_empty() {
        description.push_str("\nExamples: ");
        description.push_str(&code.examples);
    }
    if !description.is_empty() {
        out.push_str(&format!("<Description>{}</Description>", xml(&description)));
    }
    for child in &code.children {
        out.push('\n');
        write_code(out, child, &format!("{path}/{}", child.name));
    }
    out.push_str("</Code>\n");
}

/// A stable GUID (8-4-4-4-12 hex) from a path: two FNV-1a hashes.
pub(crate) fn guid(path: &str) -> String {
    let fnv = |seed: u64| {
        path.bytes()
            .fold(seed, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
    };
    let (a, b) = (fnv(0xcbf29ce484222325), fnv(0x84222325cbf29ce4));
    let hex = format!("{a:016x}{b:016x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Escapes text for XML content and attributes.
pub(crate) fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "category,subcategory,definition,examples\n\
        Funding,,Money for services,\"longer contracts; core costs\"\n\
        Funding,Short-term contracts,Contracts under 5 years,\n\
        Housing options,,Safe housing and refuge,\n";

    #[test]
    fn csv_round_trips_and_keeps_subcategories() {
        let book = Codebook::from_csv("c.csv", CSV).unwrap();
        assert_eq!(book.codes.len(), 2);
        assert_eq!(book.codes[0].children[0].name, "Short-term contracts");
        assert_eq!(
            book.paths(),
            vec![
                "Funding",
                "Funding / Short-term contracts",
                "Housing options"
            ]
        );
        assert_eq!(Codebook::from_csv("c.csv", &book.to_csv()).unwrap(), book);
    }

    #[test]
    fn the_csv_gives_paths_and_descriptions_and_reads_them_back() {
        let book = Codebook::from_csv("c.csv", CSV).unwrap();
        let csv = book.to_csv();
        assert!(csv.starts_with("category,subcategory,definition,examples,path,description\n"));
        assert!(
            csv.contains("Funding / Short-term contracts,Contracts under 5 years"),
            "{csv}"
        );
        // A tool's own file: path and description only, as Taguette and QualCoder write it.
        let tool = "tag,description\nFunding,Money for services\nFunding / Short-term contracts,Contracts under 5 years\nHousing options,Safe housing and refuge\n";
        let read = Codebook::from_csv("t.csv", tool).unwrap();
        assert_eq!(read.paths(), book.paths());
        assert_eq!(
            read.codes[0].children[0].definition,
            "Contracts under 5 years"
        );
    }

    #[test]
    fn qdc_round_trips_with_stable_guids() {
        let book = Codebook::from_csv("c.csv", CSV).unwrap();
        let qdc = book.to_qdc("Frontline");
        assert!(qdc.contains("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"Frontline\">"));
        assert_eq!(qdc, book.to_qdc("Frontline"), "deterministic");
        let doc = roxmltree::Document::parse(&qdc).unwrap();
        let guids: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("guid"))
            .collect();
        assert_eq!(guids.len(), 3);
        assert!(guids
            .iter()
            .all(|g| g.len() == 36 && g.matches('-').count() == 4));
        assert_eq!(Codebook::from_qdc("c.qdc", &qdc).unwrap(), book);
    }

    #[test]
    fn bad_files_name_the_line_or_element() {
        let err = Codebook::from_csv("c.csv", "category,subcategory\n,x\n").unwrap_err();
        assert_eq!(err.to_string(), "c.csv line 2: category: is empty");
        let err = Codebook::from_qdc("c.qdc", "<Project/>").unwrap_err();
        assert!(err.to_string().contains("root element must be CodeBook"));
    }
}
