//! The feedback form's closed answers, as stored (`snake_case` codes) and as tables name them in
//! English, declared with the provision map's `vocabulary!`. What a person reads comes from
//! [`crate::wording`], in their language.

use frontline_provision::vocabulary;

/// At most 40 characters of what was sent, for an error message.
pub(crate) fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

vocabulary! {
    /// The language a person chose for the form.
    Language {
        English => ("en", "English"),
        Welsh => ("cy", "Cymraeg"),
        EasyRead => ("easy-read", "Easy Read"),
    }
}

impl Language {
    /// The `lang` attribute of a page in this language.
    pub fn html_lang(self) -> &'static str {
        match self {
            Language::English | Language::EasyRead => "en-GB",
            Language::Welsh => "cy",
        }
    }
}

vocabulary! {
    /// The outcomes the Victims Funding Strategy asks services to measure, from the person's side.
    Outcome {
        FeelSafer => ("feel_safer", "Feel safer"),
        CopeBetter => ("cope_better", "Cope better"),
        KnowOptions => ("know_options", "Know their options and rights"),
        Satisfied => ("satisfied", "Satisfied with the support"),
    }
}

vocabulary! {
    /// A person's answer to an outcome.
    OutcomeAnswer {
        Yes => ("yes", "Yes"),
        NotSure => ("not_sure", "Not sure"),
        No => ("no", "No"),
    }
}

vocabulary! {
    /// The kinds of support a person may have wanted, in the provision map's service types
    /// (see [`SupportKind::service_types`]).
    SupportKind {
        Advocacy => ("advocacy", "Advocacy (an Idva, Isva or other advocate)"),
        Counselling => ("counselling", "Counselling or therapy"),
        SafeAccommodation => ("safe_accommodation", "Refuge or other safe accommodation"),
        ChildrensSupport => ("childrens_support", "Support for their children"),
        Helpline => ("helpline", "A helpline"),
        PeerSupport => ("peer_support", "Peer support"),
        AbuserChange => ("abuser_change", "Support for the abuser to change"),
    }
}

impl SupportKind {
    /// The provision map's service types (their codes) that give this kind of support.
    pub fn service_types(self) -> &'static [&'static str] {
        match self {
            SupportKind::Advocacy => &["idva", "isva", "advocacy", "cse_gangs_advocacy"],
            SupportKind::Counselling => &["counselling"],
            SupportKind::SafeAccommodation => &["refuge", "other_safe_accommodation"],
            SupportKind::ChildrensSupport => &["chisva", "chidva"],
            SupportKind::Helpline => &["helpline"],
            SupportKind::PeerSupport => &["peer_support"],
            SupportKind::AbuserChange => &["perpetrator_programme"],
        }
    }
}

vocabulary! {
    /// Whether a person wanted a kind of support and whether they got it.
    SupportReport {
        WantedAndGot => ("wanted_got", "Wanted it and got it"),
        WantedNotGot => ("wanted_not_got", "Wanted it but did not get it"),
        NotWanted => ("not_wanted", "Did not want or need it"),
    }
}

impl SupportReport {
    pub fn wanted(self) -> bool {
        !matches!(self, SupportReport::NotWanted)
    }

    pub fn got(self) -> bool {
        matches!(self, SupportReport::WantedAndGot)
    }
}

vocabulary! {
    /// Age, in bands wide enough not to single anyone out.
    AgeBand {
        Under18 => ("under_18", "Under 18"),
        From18To24 => ("18_24", "18 to 24"),
        From25To34 => ("25_34", "25 to 34"),
        From35To44 => ("35_44", "35 to 44"),
        From45To54 => ("45_54", "45 to 54"),
        From55To64 => ("55_64", "55 to 64"),
        From65 => ("65_plus", "65 or over"),
        PreferNotToSay => ("prefer_not", "Prefer not to say"),
    }
}

vocabulary! {
    /// How a person describes their sex or gender.
    Gender {
        Woman => ("woman", "Woman"),
        Man => ("man", "Man"),
        AnotherWay => ("another_way", "In another way"),
        PreferNotToSay => ("prefer_not", "Prefer not to say"),
    }
}

vocabulary! {
    /// Ethnic group, in the VFS returns' categories.
    Ethnicity {
        White => ("white", "White"),
        Asian => ("asian", "Asian or Asian British"),
        Black => ("black", "Black, African, Caribbean or Black British"),
        Mixed => ("mixed", "Mixed or multiple ethnic groups"),
        Other => ("other", "Other ethnic group"),
        PreferNotToSay => ("prefer_not", "Prefer not to say"),
    }
}

vocabulary! {
    /// Whether a person considers themselves disabled.
    Disability {
        Yes => ("yes", "Yes"),
        No => ("no", "No"),
        PreferNotToSay => ("prefer_not", "Prefer not to say"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_unknown_ones_are_named() {
        for kind in SupportKind::ALL {
            assert_eq!(SupportKind::parse(kind.code()), Ok(*kind));
        }
        let problem = SupportReport::parse("sort of").unwrap_err();
        assert!(
            problem.contains("'sort of' is not one of wanted_got"),
            "{problem}"
        );
    }

    #[test]
    fn every_kind_of_support_is_given_by_provision_service_types() {
        for kind in SupportKind::ALL {
            assert!(!kind.service_types().is_empty(), "{kind:?}");
            for code in kind.service_types() {
                let parsed = frontline_provision::vocabulary::ServiceType::parse(code);
                assert!(parsed.is_ok(), "{kind:?}: {parsed:?}");
            }
        }
    }
}
