//! A REFI-QDA project (`project.qde`, `urn:QDA-XML:project:1.0`): the codebook, the coders,
//! and every answer as a text source with its comments as coded selections. Packed with the
//! source texts into a `.qdpx` by the caller, it opens in NVivo, ATLAS.ti, MAXQDA or QualCoder.

use crate::codebook::{code_guid, guid, write_code, xml, Codebook};

/// One answer and the comments cut from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectSource {
    /// Unique within the project, e.g. `2017 biggest_difference response 12`.
    pub name: String,
    pub text: String,
    pub selections: Vec<ProjectSelection>,
}

/// A comment: `start..end` in characters of its answer, with each coder's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectSelection {
    pub start: usize,
    pub end: usize,
    /// (code path, coder name).
    pub codings: Vec<(String, String)>,
}

impl ProjectSource {
    /// Where the source's text sits inside the `.qdpx` archive.
    pub fn archive_path(&self) -> String {
        format!("sources/{}.txt", guid(&format!("source:{}", self.name)))
    }
}

/// The project XML. GUIDs are derived from names and positions, so the same data exports to the
/// same file.
pub fn to_qde(name: &str, origin: &str, book: &Codebook, sources: &[ProjectSource]) -> String {
    let mut coders: Vec<&str> = sources
        .iter()
        .flat_map(|s| &s.selections)
        .flat_map(|sel| sel.codings.iter().map(|(_, coder)| coder.as_str()))
        .collect();
    coders.sort_unstable();
    coders.dedup();
    let user = |coder: &str| guid(&format!("user:{coder}"));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"{}\" origin=\"{}\">\n<Users>\n",
        xml(name),
        xml(origin)
    );
    for coder in &coders {
        out.push_str(&format!(
            "<User guid=\"{}\" name=\"{}\"/>\n",
            user(coder),
            xml(coder)
        ));
    }
    out.push_str("</Users>\n<CodeBook>\n<Codes>\n");
    for code in &book.codes {
        write_code(&mut out, code, &code.name);
    }
    out.push_str("</Codes>\n</CodeBook>\n<Sources>\n");
    for source in sources {
        let id = guid(&format!("source:{}", source.name));
        out.push_str(&format!(
            "<TextSource guid=\"{id}\" name=\"{}\" plainTextPath=\"internal://{id}.txt\">\n",
            xml(&source.name)
        ));
        for (n, sel) in source.selections.iter().enumerate() {
            let sel_id = guid(&format!("{id}:{n}"));
            out.push_str(&format!(
                "<PlainTextSelection guid=\"{sel_id}\" name=\"Comment {}\" startPosition=\"{}\" endPosition=\"{}\">\n",
                n + 1,
                sel.start,
                sel.end
            ));
            for (code, coder) in &sel.codings {
                out.push_str(&format!(
                    "<Coding guid=\"{}\" creatingUser=\"{}\"><CodeRef targetGUID=\"{}\"/></Coding>\n",
                    guid(&format!("{sel_id}:{coder}")),
                    user(coder),
                    code_guid(code)
                ));
            }
            out.push_str("</PlainTextSelection>\n");
        }
        out.push_str("</TextSource>\n");
    }
    out.push_str("</Sources>\n</Project>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codings_refer_to_the_codebook_and_users_by_guid() {
        let book = Codebook::from_csv(
            "c.csv",
            "category,subcategory,definition,examples\nFunding,,,\nFunding,Core costs,,\n",
        )
        .unwrap();
        let sources = vec![ProjectSource {
            name: "response 1".into(),
            text: "More money & core costs.".into(),
            selections: vec![ProjectSelection {
                start: 0,
                end: 24,
                codings: vec![
                    ("Funding / Core costs".into(), "Ana".into()),
                    ("Funding".into(), "Ben".into()),
                ],
            }],
        }];
        let qde = to_qde("Survey 2017", "Frontline", &book, &sources);
        let doc = roxmltree::Document::parse(&qde).unwrap();
        let code_guids: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("Code"))
            .filter_map(|n| n.attribute("guid"))
            .collect();
        let refs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("CodeRef"))
            .filter_map(|n| n.attribute("targetGUID"))
            .collect();
        assert_eq!(refs.len(), 2);
        assert!(refs.iter().all(|r| code_guids.contains(r)));
        let users: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("User"))
            .filter_map(|n| n.attribute("guid"))
            .collect();
        assert!(doc
            .descendants()
            .filter_map(|n| n.attribute("creatingUser"))
            .all(|u| users.contains(&u)));
        let source = doc
            .descendants()
            .find(|n| n.has_tag_name("TextSource"))
            .unwrap();
        assert_eq!(
            source.attribute("plainTextPath").unwrap(),
            format!(
                "internal://{}",
                sources[0].archive_path().trim_start_matches("sources/")
            )
        );
        assert_eq!(qde, to_qde("Survey 2017", "Frontline", &book, &sources));
    }
}
