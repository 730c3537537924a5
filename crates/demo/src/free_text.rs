//! The demo's open answers: one to three sentences each, drawn from themed sentences written for
//! the demo (clearly synthetic), some naming the service's area so redaction has work to do.
//! Each sentence's theme is known, so the demo's coders can code it as a person would.

use rand::rngs::StdRng;
use rand::Rng;

/// The demo codebook: the report's ten categories, some with subcategories.
pub const CODEBOOK_CSV: &str = r#"category,subcategory,definition,examples
Specialist services,,More or better specialist domestic abuse services,Idvas; children's workers; counselling
Specialist services,Idvas,Independent domestic violence advisers,more Idvas for high-risk victims
Specialist services,Children and young people,Services for children and young people affected by abuse,a Ypva; therapy for children
Specialist services,Counselling and therapy,Therapeutic and recovery support,shorter waits for counselling
Funding,,Money for services and how it is given,
Funding,Sustained funding,Longer or secure funding instead of year-to-year grants,three-year contracts
Funding,Core costs,"Funding for management, premises and overheads",core costs covered
Housing options,,Safe housing for victims and their children,
Housing options,Refuge spaces,More refuge or safe accommodation,
Housing options,Move-on housing,Housing after refuge or when leaving an abuser,
Awareness and training,,Training and awareness among professionals and the public,GP training; schools
Joined-up approach,,Agencies working together,information sharing; Marac
Increased capacity,,More staff or time to meet demand,smaller caseloads
Commissioning,,How services are commissioned,joint commissioning; tendering
Accessibility,,Reaching people who find services hard to use,rural areas; interpreters
Criminal justice system,,"Police, courts and prosecution",
Criminal justice system,Courts,Court processes and waits,specialist courts
Criminal justice system,Police response,How police respond to domestic abuse,
Other,,Anything not in another category,
"#;

/// (code path, sentence); `{area}` is replaced by the service's area.
const SENTENCES: [(&str, &str); 36] = [
    ("Specialist services / Idvas", "We need at least two more Idvas for high-risk cases in {area}."),
    ("Specialist services / Idvas", "An Idva based in the hospital would reach victims we never see."),
    ("Specialist services / Children and young people", "There is no dedicated worker for teenagers who experience abuse in their own relationships."),
    ("Specialist services / Children and young people", "Children who have lived with abuse wait far too long for any support of their own."),
    ("Specialist services / Counselling and therapy", "Survivors wait over six months for counselling once the crisis has passed."),
    ("Specialist services", "A specialist service for older victims would fill a real gap."),
    ("Funding / Sustained funding", "Funding that lasts longer than one year at a time would let us keep experienced staff."),
    ("Funding / Sustained funding", "Every spring we issue redundancy notices while we wait to hear about next year's grant."),
    ("Funding / Core costs", "Grants pay for frontline posts but not for supervision, premises or management."),
    ("Funding", "Sustained, multi-year funding for specialist services in {area}."),
    ("Funding", "The money follows short pilots rather than what works."),
    ("Housing options / Refuge spaces", "There are not enough refuge spaces for women with more than two children."),
    ("Housing options / Refuge spaces", "Women are turned away from refuge in {area} most weeks because it is full."),
    ("Housing options / Move-on housing", "Women stay in refuge for months because there is no move-on housing."),
    ("Housing options", "Finding safe, affordable housing is the biggest barrier to leaving."),
    ("Awareness and training", "GPs and A&E staff need training to recognise abuse and refer early."),
    ("Awareness and training", "Schools should teach healthy relationships from primary age."),
    ("Awareness and training", "Housing officers still ask victims to prove the abuse before helping."),
    ("Joined-up approach", "Agencies do not share information quickly enough to keep families safe."),
    ("Joined-up approach", "Children's social care and our service should work from the same safety plan."),
    ("Joined-up approach", "The Marac works well when police, health and housing all attend."),
    ("Increased capacity", "Caseloads of over a hundred families mean we can only firefight."),
    ("Increased capacity", "Our waiting list has doubled and we cannot take new referrals for weeks."),
    ("Increased capacity", "We need more hours in the team to follow up cases after the crisis."),
    ("Commissioning", "Commissioners working together across the county instead of separate tenders."),
    ("Commissioning", "Tendering every two years takes our managers away from the work for months."),
    ("Commissioning", "Commissioners should ask survivors what they need before writing the specification."),
    ("Accessibility", "Rural isolation and transport make it hard for women to reach us."),
    ("Accessibility", "We cannot afford interpreters, so women who do not speak English go without."),
    ("Accessibility", "Disabled survivors find most refuges inaccessible."),
    ("Criminal justice system / Courts", "Shorter waiting times for court dates would stop victims withdrawing."),
    ("Criminal justice system / Courts", "A specialist domestic abuse court in {area} would make a real difference."),
    ("Criminal justice system / Police response", "Victims tell us they are not believed when they call the police."),
    ("Criminal justice system", "Bail conditions are not enforced, so victims stop reporting."),
    ("Other", "Legal aid for family court is almost impossible to get."),
    ("Other", "Being believed by agencies is what survivors ask for first."),
];

/// An answer of one to `most` sentences on different themes.
pub fn answer(rng: &mut StdRng, area: &str, most: usize) -> String {
    let n = rng.gen_range(1..=most);
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < n {
        let i = rng.gen_range(0..SENTENCES.len());
        let category = |j: usize| SENTENCES[j].0.split(" / ").next();
        if !picked.iter().any(|&j| category(j) == category(i)) {
            picked.push(i);
        }
    }
    picked
        .iter()
        .map(|&i| SENTENCES[i].1.replace("{area}", area))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The code a careful coder gives a comment cut from a demo answer.
pub fn theme_of(comment: &str) -> Option<&'static str> {
    SENTENCES.iter().find_map(|(code, template)| {
        let mut parts = template.split("{area}");
        let head = parts.next().unwrap_or("");
        let tail = parts.next().unwrap_or("");
        (comment.starts_with(head) && comment.ends_with(tail)).then_some(*code)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontline_qualitative::codebook::Codebook;
    use rand::SeedableRng;

    #[test]
    fn every_sentence_has_a_code_in_the_codebook_and_is_recognised() {
        let book = Codebook::from_csv("demo.csv", CODEBOOK_CSV).unwrap();
        assert_eq!(book.codes.len(), 10);
        for (code, template) in SENTENCES {
            assert!(book.has_path(code), "{code}");
            assert_eq!(theme_of(&template.replace("{area}", "Kent")), Some(code));
        }
        let mut rng = StdRng::seed_from_u64(1);
        let text = answer(&mut rng, "Kent", 3);
        assert!(!text.is_empty());
    }
}
