//! Screens, one file each, plus the navigation and the domain input
//! panels they share.

pub mod calculator;
pub mod compare;
pub mod controls;
pub mod docs;
pub mod import;
pub mod nav;
pub mod quants;
pub mod recommend;
pub mod results;
pub mod tiers;
