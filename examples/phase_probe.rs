use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let tree = contract::pool::pool().install(|| contract::yaml::parse(&text).unwrap());
    let schema = tree.to_json()["versions"][1]["schema"].clone();
    let t = Instant::now();
    for _ in 0..200 { let _ = contract::rules::context::compile(&schema); }
    eprintln!("compile {:.1} us", t.elapsed().as_secs_f64() / 200.0 * 1e6);
    let t = Instant::now();
    for _ in 0..200 { let _ = jsonschema::options().with_draft(jsonschema::Draft::Draft202012).should_validate_formats(true).build(&schema); }
    eprintln!("compile no meta {:.1} us", t.elapsed().as_secs_f64() / 200.0 * 1e6);
    let t = Instant::now();
    for _ in 0..200 { let _ = jsonschema::meta::is_valid(&schema); }
    eprintln!("meta only {:.1} us", t.elapsed().as_secs_f64() / 200.0 * 1e6);
}
