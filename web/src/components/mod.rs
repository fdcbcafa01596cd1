//! Generic widgets. They know nothing about models or hardware: they take
//! plain data (labels, fractions, points) and report user actions through
//! callbacks.

pub mod copy_button;
pub mod field;
pub mod info_tip;
pub mod line_chart;
pub mod notice;
pub mod options;
pub mod segmented;
pub mod stacked_bar;
