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
    let timed = |part: Part| {
        println!(
            "  {:<26} done at {:>6.1} s",
            part.name,
            started.elapsed().as_secs_f64()
        );
        part
    };
    vec![
        timed(commands::run(
            &node,
            stream(1),
            cases,
            Part::new(version, commands::NAME),
        )),
        timed(observed::run(
            &node,
            stream(2),
            cases,
            Part::new(version, observed::NAME),
        )),
        timed(reconcile::run(
            &node,
            stream(3),
            cases,
            Part::new(version, reconcile::NAME),
        )),
        timed(successor::run(
            &node,
            stream(4),
            cases,
            Part::new(version, successor::NAME),
        )),
        timed(admission::run(
            &node,
            stream(5),
            cases,
            Part::new(version, admission::NAME),
        )),
        timed(order::run(Part::new(version, order::NAME))),
        timed(payload::run(
            stream(7),
            cases,
            Part::new(version, payload::NAME),
        )),
        timed(signatures::run(
            stream(8),
            settings.signed_cases(),
            Part::new(version, signatures::NAME),
        )),
        timed(views::run(
            &node,
            stream(9),
            cases,
            Part::new(version, views::NAME),
        )),
    ]
}
