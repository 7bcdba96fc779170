//! Times `compat::check` over 10,000 generated schema pairs of about 30 properties each.
//!
//! Run with `cargo run --release --example bench_compat`; prints the median of 5 runs.

use std::time::{Duration, Instant};

use contract::compat::{Direction, Policy, check};
use serde_json::{Map, Value, json};

const PAIRS: usize = 10_000;
const PROPERTIES: usize = 30;
const RUNS: usize = 5;

/// A small deterministic generator (xorshift64*), so every run times the same pairs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn property(rng: &mut Rng, i: usize) -> Value {
    match rng.below(6) {
        0 => {
            json!({"type": "string", "maxLength": 10 + rng.below(200), "description": format!("Field {i}.")})
        }
        1 => json!({"type": "string", "format": "uuid", "description": "An id."}),
        2 => json!({"type": "integer", "minimum": 0, "maximum": 1000 + rng.below(1000)}),
        3 => json!({"type": ["number", "null"], "description": "A measure."}),
        4 => json!({"type": "string", "enum": ["a", "b", "c", "d"]}),
        _ => json!({"type": "array", "items": {"type": "string", "maxLength": 64}, "maxItems": 10}),
    }
}

fn schema(rng: &mut Rng) -> Value {
    let mut props = Map::new();
    for i in 0..PROPERTIES {
        props.insert(format!("field_{i}"), property(rng, i));
    }
    let required: Vec<String> = (0..PROPERTIES / 3).map(|i| format!("field_{i}")).collect();
    json!({
        "type": "object",
        "additionalProperties": rng.below(2) == 0,
        "required": required,
        "properties": props,
    })
}

/// The next version: a few typical edits (a field added, a bound moved, a field made optional).
fn evolve(rng: &mut Rng, old: &Value) -> Value {
    let mut new = old.clone();
    for _ in 0..3 {
        let i = rng.below(PROPERTIES as u64) as usize;
        match rng.below(4) {
            0 => {
                new["properties"][format!("added_{i}")] = json!({"type": "string"});
            }
            1 => {
                if let Some(max) = new["properties"][format!("field_{i}")].get_mut("maxLength") {
                    *max = json!(max.as_u64().unwrap_or(0) + 5);
                }
            }
            2 => {
                if let Some(required) = new["required"].as_array_mut() {
                    required.retain(|r| r != &json!(format!("field_{i}")));
                }
            }
            _ => {
                new["properties"][format!("field_{i}")]["description"] = json!("Changed.");
            }
        }
    }
    new
}

fn main() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let pairs: Vec<(Value, Value)> = (0..PAIRS)
        .map(|_| {
            let old = schema(&mut rng);
            let new = evolve(&mut rng, &old);
            (old, new)
        })
        .collect();
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut compatible = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        compatible = 0;
        for (old, new) in &pairs {
            let verdict = check(old, new, Direction::Backward, Policy::Lenient)
                .expect("generated schemas are comparable");
            compatible += usize::from(verdict.compatible);
        }
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "{PAIRS} pairs of {PROPERTIES} properties: median {:.1} ms over {RUNS} runs \
         ({compatible} backward compatible)",
        times[RUNS / 2].as_secs_f64() * 1000.0
    );
}
