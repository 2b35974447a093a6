//! Small widgets the forms are made of.

pub mod chrome;
mod pick_list;
mod rows;
mod text_area;
mod text_input;

pub use pick_list::{PickList, PickResult, draw_pick};
pub use rows::Rows;
pub use text_area::TextArea;
pub use text_input::{InputResult, TextInput};
