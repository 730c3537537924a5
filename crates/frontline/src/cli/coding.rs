//! Qualitative coding from the command line: agreement statistics on a coding file, codebooks
//! in and out, segmenting new answers, and exports of the coded comments.

use super::CodingCommand;
use frontline_qualitative::agreement::{coders, cohen_kappa, krippendorff_alpha, read_csv};
use frontline_web::coding::{codebook, export, open_question, open_questions, segmenting};
use frontline_web::error::{AppError, AppResult};
use frontline_web::store::{codebooks, cycles};
use frontline_web::Platform;
use std::path::Path;

pub fn run(open: impl Fn() -> AppResult<Platform>, command: CodingCommand) -> AppResult<()> {
    match command {
        CodingCommand::Agreement { file } => agreement(&file),
        CodingCommand::ImportCodebook {
            cycle,
            question,
            file,
        } => import_codebook(&open()?, cycle, &question, &file),
        CodingCommand::ExportCodebook {
            cycle,
            question,
            out,
        } => export_codebook(&open()?, cycle, &question, &out),
        CodingCommand::CopyCodebooks { cycle } => copy_codebooks(&open()?, cycle),
        CodingCommand::Segment { cycle } => segment(&open()?, cycle),
        CodingCommand::Export { cycle, out } => export_coding(&open()?, cycle, &out),
    }
}

pub fn agreement(file: &Path) -> AppResult<()> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))?;
    let units = read_csv(&file.display().to_string(), &text)
        .map_err(|e| AppError::invalid("file", e.to_string()))?;
    println!("{}", agreement_line(&units));
    Ok(())
}

/// `units=N coders=K krippendorff_alpha=0.xxx[ cohen_kappa=0.xxx]`; an undefined statistic
/// (no pairable values, or no variation) prints as `undefined`.
pub fn agreement_line(units: &frontline_qualitative::agreement::Reliability) -> String {
    let show = |x: Option<f64>| x.map_or("undefined".to_string(), |v| format!("{v:.3}"));
    let who: Vec<&str> = coders(units).into_iter().collect();
    let mut line = format!(
        "units={} coders={} krippendorff_alpha={}",
        units.len(),
        who.len(),
        show(krippendorff_alpha(units))
    );
    if let [a, b] = who.as_slice() {
        line.push_str(&format!(" cohen_kappa={}", show(cohen_kappa(units, a, b))));
    }
    line
}

fn import_codebook(platform: &Platform, year: i32, question: &str, file: &Path) -> AppResult<()> {
    let text = std::fs::read_to_string(file).map_err(|e| AppError::file(file, e))?;
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let q = open_question(platform, &mut conn, &cycle, question)?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let version = codebook::import(&mut conn, &cycle, &q, &name, &text, "cli")?;
    println!("imported the {question} codebook for {year} as version {version}");
    Ok(())
}

fn export_codebook(platform: &Platform, year: i32, question: &str, out: &Path) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let q = open_question(platform, &mut conn, &cycle, question)?;
    let current = codebooks::latest(&mut conn, cycle.id, &q.id)?.ok_or_else(|| {
        AppError::invalid("question", format!("{question} has no codebook in {year}"))
    })?;
    let qdc = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdc"));
    let text = if qdc {
        current.codebook.to_qdc("Frontline")
    } else {
        current.codebook.to_csv()
    };
    std::fs::write(out, text).map_err(|e| AppError::file(out, e))?;
    println!(
        "wrote version {} of the {question} codebook to {}",
        current.version,
        out.display()
    );
    Ok(())
}

fn copy_codebooks(platform: &Platform, year: i32) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    for q in open_questions(platform, &mut conn, &cycle)? {
        match codebook::copy_forward(&mut conn, &cycle, &q, "cli") {
            Ok(version) => println!("{}: copied as version {version}", q.id),
            Err(AppError::Invalid { problem, .. }) => println!("{}: {problem}", q.id),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn segment(platform: &Platform, year: i32) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    for q in open_questions(platform, &mut conn, &cycle)? {
        let n = segmenting::suggest_all(&mut conn, &cycle, &q)?;
        println!("{}: split {n} new answers into comments", q.id);
    }
    Ok(())
}

fn export_coding(platform: &Platform, year: i32, out: &Path) -> AppResult<()> {
    let mut conn = platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let bytes = if out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdpx"))
    {
        export::qdpx(platform, &mut conn, &cycle)?
    } else {
        export::comments_csv(platform, &mut conn, &cycle)?.into_bytes()
    };
    std::fs::write(out, bytes).map_err(|e| AppError::file(out, e))?;
    println!("wrote the {year} coding to {}", out.display());
    Ok(())
}
