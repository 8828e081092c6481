//! The suite, written once against `super::net` (whichever net-mesh
//! release the mounting module names) and mounted once per release.
//! Each part draws its inputs from its own stream of the seed, so every
//! release sees exactly the same cases.

use super::net;

mod admission;
mod commands;
mod convert;
mod node;
mod observed;
mod order;
mod payload;
mod reconcile;
mod signatures;
mod successor;
mod views;

use crate::random::Random;
use crate::tally::Part;
use crate::Settings;

/// Every part against this release, in order.
pub fn run(version: &str, settings: &Settings) -> Vec<Part> {
    let node = node::Node::new();
    let stream = |salt: u64| Random::new(settings.seed ^ salt.wrapping_mul(0x9E37_79B9));
    let cases = settings.cases;
    let started = std::time::Instant::now();
    // A part: its own stream of the seed (by salt), timed as it finishes.
    let part = |name: &'static str, salt: u64, run: &dyn Fn(Random, Part) -> Part| {
        let part = run(stream(salt), Part::new(version, name));
        println!(
            "  {:<26} done at {:>6.1} s",
            part.name,
            started.elapsed().as_secs_f64()
        );
        part
    };
    vec![
        part(commands::NAME, 1, &|r, p| commands::run(&node, r, cases, p)),
        part(observed::NAME, 2, &|r, p| observed::run(&node, r, cases, p)),
        part(reconcile::NAME, 3, &|r, p| {
            reconcile::run(&node, r, cases, p)
        }),
        part(successor::NAME, 4, &|r, p| {
            successor::run(&node, r, cases, p)
        }),
        part(admission::NAME, 5, &|r, p| {
            admission::run(&node, r, cases, p)
        }),
        part(order::NAME, 6, &|_, p| order::run(p)),
        part(payload::NAME, 7, &|r, p| payload::run(r, cases, p)),
        part(signatures::NAME, 8, &|r, p| {
            signatures::run(r, settings.signed_cases(), p)
        }),
        part(views::NAME, 9, &|r, p| views::run(&node, r, cases, p)),
    ]
}
