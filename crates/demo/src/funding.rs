//! The demo's funding register for 2017: one to three streams per service, mostly short grants
//! from the PCC and local authority, some multi-year contracts, a few ring-fenced; synthetic.

use frontline_provision::vocabulary::{CoreCosts, FunderType, Kind, Role};
use frontline_provision::{Day, FundingStream};
use frontline_web::error::AppResult;
use frontline_web::store::{cycles, funding, services};
use frontline_web::Platform;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const TEAM: &str = "admin@example.org";

/// Funder types with their weights out of 100.
const FUNDERS: [(FunderType, u32); 9] = [
    (FunderType::Pcc, 30),
    (FunderType::LocalAuthority, 25),
    (FunderType::CharitableTrust, 15),
    (FunderType::Icb, 8),
    (FunderType::OwnFundraising, 8),
    (FunderType::Moj, 6),
    (FunderType::HomeOffice, 3),
    (FunderType::NhsEngland, 3),
    (FunderType::Other, 2),
];

pub fn create(platform: &Platform, seed: u64) -> AppResult<String> {
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, 2017)?;
    let mut rng = StdRng::seed_from_u64(seed ^ 0xf0_4d);
    let mut streams = Vec::new();
    for service in services::all(&mut conn)? {
        for _ in 0..rng.gen_range(1..=3) {
            streams.push((service.id, stream(&mut rng, &service.name)));
        }
    }
    let n = funding::replace_for_services(&mut conn, cycle.id, &streams, "import", TEAM)?;
    Ok(format!("{n} funding streams in the 2017 register"))
}

fn stream(rng: &mut StdRng, service: &str) -> FundingStream {
    let mut roll = rng.gen_range(0..100);
    let funder_type = FUNDERS
        .iter()
        .find(|(_, weight)| {
            let hit = roll < *weight;
            roll = roll.saturating_sub(*weight);
            hit
        })
        .map_or(FunderType::Other, |(f, _)| *f);
    let start = Day {
        year: rng.gen_range(2013..=2017),
        month: 4,
        day: 1,
    };
    let years = [1, 1, 2, 3, 3, 5, 5][rng.gen_range(0..7)];
    let anniversary = start.plus_months(12 * years);
    let end = Day {
        year: anniversary.year,
        month: 3,
        day: 31,
    };
    FundingStream {
        service: service.to_string(),
        funder_type,
        funder: format!("{} (demo)", funder_type.label()),
        kind: if rng.gen_bool(0.6) {
            Kind::Grant
        } else {
            Kind::Contract
        },
        role: [
            Role::Sole,
            Role::Sole,
            Role::Sole,
            Role::LeadProvider,
            Role::ConsortiumMember,
            Role::SubContractor,
        ][rng.gen_range(0..6)],
        start,
        end,
        annual_pence: rng.gen_range(10_000..=250_000) * 100,
        core_costs_covered: [CoreCosts::Yes, CoreCosts::Partly, CoreCosts::No][rng.gen_range(0..3)],
        ring_fenced: rng.gen_bool(0.1),
        commissioning: Default::default(),
    }
}
