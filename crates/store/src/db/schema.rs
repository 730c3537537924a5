//! Diesel table definitions, written to match both backends' migrations.

diesel::table! {
    regions (name) {
        name -> Text,
        sort_order -> Integer,
    }
}

diesel::table! {
    police_force_areas (code) {
        code -> Text,
        name -> Text,
        region -> Text,
        adult_females -> BigInt,
    }
}

diesel::table! {
    survey_cycles (id) {
        id -> Integer,
        year -> Integer,
        title -> Text,
        schema_id -> Text,
        opens_on -> Text,
        closes_on -> Text,
        status -> Text,
        cases_per_idva -> Double,
        high_risk_per_10k_women -> Double,
        unseen_high_risk_uplift_fte -> Double,
        created_at -> Text,
        reminder_dates -> Text,
        suppression_threshold -> Integer,
    }
}

diesel::table! {
    releases (id) {
        id -> Integer,
        cycle_id -> Integer,
        version -> Integer,
        released_at -> Text,
        released_by -> Text,
        notes -> Text,
        parameters -> Text,
        content_hash -> Text,
    }
}

diesel::table! {
    release_withdrawals (release_id) {
        release_id -> Integer,
        withdrawn_at -> Text,
        withdrawn_by -> Text,
        reason -> Text,
    }
}

diesel::table! {
    release_cells (release_id) {
        release_id -> Integer,
        cells -> Text,
    }
}

diesel::table! {
    release_files (release_id, path) {
        release_id -> Integer,
        path -> Text,
        content -> Binary,
    }
}

diesel::table! {
    organisations (id) {
        id -> Integer,
        name -> Text,
    }
}

diesel::table! {
    services (id) {
        id -> Integer,
        organisation_id -> Integer,
        name -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    service_areas (service_id, pfa_code) {
        service_id -> Integer,
        pfa_code -> Text,
    }
}

diesel::table! {
    contacts (id) {
        id -> Integer,
        service_id -> Integer,
        name -> Text,
        email -> Text,
        phone -> Nullable<Text>,
    }
}

diesel::table! {
    invitations (id) {
        id -> Integer,
        cycle_id -> Integer,
        service_id -> Integer,
        contact_id -> Integer,
        created_at -> Text,
        sent_at -> Nullable<Text>,
        opened_at -> Nullable<Text>,
        reminded_at -> Nullable<Text>,
    }
}

diesel::table! {
    responses (id) {
        id -> Integer,
        cycle_id -> Integer,
        service_id -> Integer,
        schema_version -> Text,
        status -> Text,
        channel -> Text,
        outcome -> Text,
        answers -> Text,
        created_at -> Text,
        updated_at -> Text,
        submitted_at -> Nullable<Text>,
        submitted_answers -> Nullable<Text>,
        revision -> Integer,
        note -> Nullable<Text>,
        figures -> Nullable<Text>,
        figures_key -> Nullable<Text>,
    }
}

diesel::table! {
    carried_figures (id) {
        id -> Integer,
        cycle_id -> Integer,
        service_id -> Integer,
        kind -> Text,
        source -> Text,
        original_cycle_year -> Nullable<Integer>,
        answers -> Text,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    pcc_reviews (id) {
        id -> Integer,
        cycle_id -> Integer,
        pfa_code -> Text,
        service_id -> Nullable<Integer>,
        reviewer -> Text,
        action -> Text,
        reason -> Text,
        proposed -> Nullable<Text>,
        status -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Text>,
        created_at -> Text,
        decision_reason -> Nullable<Text>,
    }
}

diesel::table! {
    need_inputs (cycle_id, pfa_code) {
        cycle_id -> Integer,
        pfa_code -> Text,
        adult_females -> BigInt,
        marac_cases -> Integer,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Integer,
        at -> Text,
        actor -> Text,
        action -> Text,
        entity -> Text,
        entity_id -> Text,
        before_value -> Nullable<Text>,
        after_value -> Nullable<Text>,
        reason -> Nullable<Text>,
    }
}

diesel::table! {
    programmes (id) {
        id -> Text,
        name -> Text,
        frequency -> Text,
        first_period -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    programme_services (programme_id, service_id) {
        programme_id -> Text,
        service_id -> Integer,
    }
}

diesel::table! {
    programme_periods (programme_id, period) {
        programme_id -> Text,
        period -> Text,
        due_on -> Text,
        opened_at -> Text,
    }
}

diesel::table! {
    vfs_returns (id) {
        id -> Integer,
        service_id -> Integer,
        period -> Text,
        pfa_code -> Text,
        status -> Text,
        answers -> Text,
        submitted_answers -> Nullable<Text>,
        channel -> Text,
        submitted_at -> Nullable<Text>,
        updated_at -> Text,
    }
}

diesel::table! {
    return_requests (id) {
        id -> Integer,
        service_id -> Integer,
        period -> Text,
        email -> Text,
        contact_name -> Text,
        sent_at -> Text,
        reminded_on -> Nullable<Text>,
    }
}

diesel::table! {
    return_tokens (token_hash) {
        token_hash -> Text,
        request_id -> Integer,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Integer,
        key -> Text,
        at -> Text,
    }
}

diesel::table! {
    codebooks (id) {
        id -> Integer,
        cycle_id -> Integer,
        question_id -> Text,
        version -> Integer,
        codes -> Text,
        note -> Text,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    comments (id) {
        id -> Integer,
        cycle_id -> Integer,
        response_id -> Integer,
        question_id -> Text,
        start_char -> Integer,
        end_char -> Integer,
        body -> Text,
        first_coder_id -> Nullable<Integer>,
        second_coder_id -> Nullable<Integer>,
    }
}

diesel::table! {
    codings (comment_id, coder_id) {
        comment_id -> Integer,
        coder_id -> Integer,
        code -> Text,
        previous_code -> Nullable<Text>,
        seq -> BigInt,
        coded_at -> Text,
    }
}

diesel::table! {
    adjudications (comment_id) {
        comment_id -> Integer,
        code -> Text,
        decided_by -> Text,
        decided_at -> Text,
    }
}

diesel::table! {
    quotes (comment_id) {
        comment_id -> Integer,
        starred_by -> Text,
        starred_at -> Text,
        status -> Text,
        published_text -> Nullable<Text>,
        reviewed_by -> Nullable<Text>,
        reviewed_at -> Nullable<Text>,
    }
}

diesel::table! {
    funding_streams (id) {
        id -> Integer,
        cycle_id -> Integer,
        service_id -> Integer,
        funder_type -> Text,
        funder -> Text,
        kind -> Text,
        role -> Text,
        start_on -> Text,
        end_on -> Text,
        annual_pence -> BigInt,
        core_costs_covered -> Text,
        ring_fenced -> Bool,
        source -> Text,
        created_by -> Text,
        created_at -> Text,
        commissioning -> Text,
    }
}

diesel::table! {
    wave_instruments (cycle_id, instrument) {
        cycle_id -> Integer,
        instrument -> Text,
        group_name -> Text,
        added_at -> Text,
    }
}

diesel::table! {
    open_links (id) {
        id -> Integer,
        cycle_id -> Integer,
        instrument -> Text,
        channel -> Text,
        token -> Text,
        created_by -> Text,
        created_at -> Text,
        closed_at -> Nullable<Text>,
    }
}

diesel::table! {
    instrument_responses (id) {
        id -> Integer,
        cycle_id -> Integer,
        instrument -> Text,
        schema_version -> Text,
        open_link_id -> Nullable<Integer>,
        channel -> Text,
        invited_email -> Nullable<Text>,
        resume_hash -> Text,
        client_key -> Nullable<Text>,
        status -> Text,
        answers -> Text,
        revision -> Integer,
        created_at -> Text,
        updated_at -> Text,
        submitted_at -> Nullable<Text>,
    }
}

diesel::table! {
    service_profiles (id) {
        id -> Integer,
        cycle_id -> Integer,
        service_id -> Integer,
        schema_version -> Text,
        answers -> Text,
        source -> Text,
        carried_from_year -> Nullable<Integer>,
        updated_by -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    area_populations (cycle_id, pfa_code) {
        cycle_id -> Integer,
        pfa_code -> Text,
        females_16_plus -> BigInt,
        males_16_plus -> BigInt,
        children_0_15 -> BigInt,
        source -> Text,
        imported_by -> Text,
        imported_at -> Text,
    }
}

diesel::table! {
    prevalence_rates (cycle_id, rate_id) {
        cycle_id -> Integer,
        rate_id -> Text,
        label -> Text,
        applies_to -> Text,
        percent -> Double,
        source -> Text,
        entered_by -> Text,
        entered_at -> Text,
    }
}

diesel::joinable!(area_populations -> survey_cycles (cycle_id));
diesel::joinable!(area_population_groups -> survey_cycles (cycle_id));
diesel::joinable!(police_force_areas -> regions (region));
diesel::joinable!(services -> organisations (organisation_id));
diesel::joinable!(service_areas -> services (service_id));
diesel::joinable!(service_areas -> police_force_areas (pfa_code));
diesel::joinable!(contacts -> services (service_id));
diesel::joinable!(responses -> services (service_id));
diesel::joinable!(responses -> survey_cycles (cycle_id));
diesel::joinable!(carried_figures -> services (service_id));
diesel::joinable!(need_inputs -> police_force_areas (pfa_code));

diesel::table! {
    invitation_tokens (token_hash) {
        token_hash -> Text,
        invitation_id -> Integer,
        created_at -> Text,
    }
}

diesel::table! {
    outbox (id) {
        id -> Integer,
        dedupe_key -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Text,
        last_error -> Nullable<Text>,
        created_at -> Text,
        sent_at -> Nullable<Text>,
        lease_until -> Nullable<Text>,
    }
}

diesel::table! {
    accounts (id) {
        id -> Integer,
        email -> Text,
        name -> Text,
        role -> Text,
        password_hash -> Text,
        created_at -> Text,
        disabled_at -> Nullable<Text>,
        office -> Nullable<Text>,
        totp_secret -> Nullable<Text>,
        totp_last_step -> Nullable<BigInt>,
        totp_pending -> Nullable<Text>,
    }
}

diesel::table! {
    account_areas (account_id, pfa_code) {
        account_id -> Integer,
        pfa_code -> Text,
    }
}

diesel::table! {
    account_setup_tokens (token_hash) {
        token_hash -> Text,
        account_id -> Integer,
        expires_at -> Text,
        used_at -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        account_id -> Integer,
        csrf_token -> Text,
        created_at -> Text,
        expires_at -> Text,
        last_seen_at -> Nullable<Text>,
    }
}

diesel::joinable!(invitation_tokens -> invitations (invitation_id));
diesel::joinable!(invitations -> services (service_id));
diesel::joinable!(invitations -> survey_cycles (cycle_id));
diesel::joinable!(invitations -> contacts (contact_id));
diesel::joinable!(sessions -> accounts (account_id));

diesel::joinable!(account_areas -> accounts (account_id));
diesel::joinable!(releases -> survey_cycles (cycle_id));
diesel::joinable!(programme_services -> programmes (programme_id));
diesel::joinable!(programme_services -> services (service_id));
diesel::joinable!(programme_periods -> programmes (programme_id));
diesel::joinable!(vfs_returns -> services (service_id));
diesel::joinable!(return_requests -> services (service_id));
diesel::joinable!(return_tokens -> return_requests (request_id));
diesel::joinable!(release_files -> releases (release_id));
diesel::joinable!(release_cells -> releases (release_id));
diesel::joinable!(release_withdrawals -> releases (release_id));
diesel::joinable!(account_setup_tokens -> accounts (account_id));
diesel::joinable!(codebooks -> survey_cycles (cycle_id));
diesel::joinable!(comments -> responses (response_id));
diesel::joinable!(codings -> comments (comment_id));
diesel::joinable!(codings -> accounts (coder_id));
diesel::joinable!(adjudications -> comments (comment_id));
diesel::joinable!(quotes -> comments (comment_id));
diesel::joinable!(funding_streams -> services (service_id));
diesel::joinable!(wave_instruments -> survey_cycles (cycle_id));
diesel::joinable!(instrument_responses -> open_links (open_link_id));
diesel::joinable!(refuge_vacancies -> services (service_id));

diesel::table! {
    refuge_vacancies (id) {
        id -> Integer,
        service_id -> Integer,
        place_kind -> Text,
        pfa_code -> Text,
        children_up_to_age -> Nullable<Integer>,
        accessible -> Bool,
        languages -> Text,
        no_recourse_accepted -> Bool,
        posted_by -> Text,
        posted_at -> Text,
        expires_at -> Text,
    }
}

diesel::table! {
    feedback_links (id) {
        id -> Integer,
        service_id -> Integer,
        token -> Text,
        created_by -> Text,
        created_at -> Text,
        withdrawn_at -> Nullable<Text>,
    }
}

diesel::joinable!(feedback_links -> services (service_id));

diesel::table! {
    feedback_responses (id) {
        id -> Integer,
        service_id -> Integer,
        region -> Text,
        month -> Text,
        language -> Text,
        answers -> Text,
    }
}

diesel::joinable!(feedback_responses -> services (service_id));

diesel::table! {
    consultations (id) {
        id -> Integer,
        pfa_code -> Text,
        held_on -> Text,
        method -> Text,
        people -> Integer,
        groups -> Text,
        recorded_by -> Text,
        recorded_at -> Text,
    }
}

diesel::table! {
    secrets (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    area_population_groups (cycle_id, pfa_code) {
        cycle_id -> Integer,
        pfa_code -> Text,
        groups -> Text,
        source -> Text,
        imported_by -> Text,
        imported_at -> Text,
    }
}

diesel::table! {
    published_figures (year, level, area, measure) {
        year -> Integer,
        level -> Text,
        area -> Text,
        measure -> Text,
        value -> Text,
        source -> Text,
        imported_by -> Text,
        imported_at -> Text,
    }
}

diesel::table! {
    consultation_transcripts (id) {
        id -> Integer,
        consultation_id -> Integer,
        title -> Text,
        body -> Text,
        added_by -> Text,
        added_at -> Text,
    }
}

diesel::joinable!(consultation_transcripts -> consultations (consultation_id));

diesel::table! {
    vacancy_links (id) {
        id -> Integer,
        service_id -> Integer,
        token_hash -> Text,
        created_by -> Text,
        created_at -> Text,
        withdrawn_at -> Nullable<Text>,
    }
}

diesel::joinable!(vacancy_links -> services (service_id));

diesel::table! {
    authority_populations (cycle_id, utla_code) {
        cycle_id -> Integer,
        utla_code -> Text,
        population -> BigInt,
        source -> Text,
        imported_by -> Text,
        imported_at -> Text,
    }
}

diesel::joinable!(authority_populations -> survey_cycles (cycle_id));

diesel::table! {
    grants (id) {
        id -> Integer,
        programme_id -> Text,
        service_id -> Integer,
        commissioned_in -> Text,
        grant_ref -> Text,
        start_on -> Text,
        end_on -> Text,
        annual_pence -> BigInt,
        notice_months -> Integer,
        imported_by -> Text,
        imported_at -> Text,
    }
}

diesel::table! {
    grant_kpis (grant_id, metric) {
        grant_id -> Integer,
        metric -> Text,
        rule -> Text,
        target -> Double,
    }
}

diesel::table! {
    grant_finance (grant_id, period) {
        grant_id -> Integer,
        period -> Text,
        budget_pence -> BigInt,
        spend_pence -> BigInt,
        explanation -> Nullable<Text>,
        given_by -> Text,
        given_at -> Text,
    }
}

diesel::table! {
    grant_reviews (id) {
        id -> Integer,
        grant_id -> Integer,
        opened_on -> Text,
        opened_by -> Text,
        reason -> Text,
        decision -> Nullable<Text>,
        reasons -> Nullable<Text>,
        exit_plan -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_on -> Nullable<Text>,
    }
}

diesel::table! {
    grant_subcontracts (grant_id, partner_service_id) {
        grant_id -> Integer,
        partner_service_id -> Integer,
        annual_pence -> BigInt,
    }
}

diesel::table! {
    due_diligence (organisation_id, item) {
        organisation_id -> Integer,
        item -> Text,
        reference -> Text,
        due_on -> Text,
        recorded_by -> Text,
        recorded_at -> Text,
        reminded_on -> Nullable<Text>,
    }
}

diesel::joinable!(grants -> programmes (programme_id));
diesel::joinable!(grants -> services (service_id));
diesel::joinable!(grant_kpis -> grants (grant_id));
diesel::joinable!(grant_finance -> grants (grant_id));
diesel::joinable!(grant_reviews -> grants (grant_id));
diesel::joinable!(grant_subcontracts -> grants (grant_id));
diesel::joinable!(due_diligence -> organisations (organisation_id));

diesel::allow_tables_to_appear_in_same_query!(
    grants,
    grant_kpis,
    grant_finance,
    grant_reviews,
    grant_subcontracts,
    due_diligence,
    authority_populations,
    vacancy_links,
    consultation_transcripts,
    published_figures,
    area_population_groups,
    consultations,
    secrets,
    feedback_links,
    feedback_responses,
    refuge_vacancies,
    release_cells,
    release_withdrawals,
    area_populations,
    prevalence_rates,
    service_profiles,
    wave_instruments,
    open_links,
    instrument_responses,
    account_areas,
    account_setup_tokens,
    invitation_tokens,
    outbox,
    accounts,
    sessions,
    regions,
    police_force_areas,
    survey_cycles,
    organisations,
    services,
    service_areas,
    contacts,
    invitations,
    responses,
    carried_figures,
    pcc_reviews,
    need_inputs,
    audit_events,
    releases,
    release_files,
    programmes,
    programme_services,
    programme_periods,
    vfs_returns,
    return_requests,
    return_tokens,
    login_failures,
    codebooks,
    comments,
    codings,
    adjudications,
    quotes,
    funding_streams,
);
