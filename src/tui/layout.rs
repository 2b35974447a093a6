//! What a frame laid out, handed back from drawing to the app.

use ratatui::layout::Rect;

use super::tabs::Tab;

/// Screen areas of the last draw, for the mouse.
#[derive(Debug, Clone, Default)]
pub struct Areas {
    /// Each tab's title cells.
    pub tabs: Vec<(Tab, Rect)>,
    /// The list rows of the current view.
    pub list: Rect,
    /// Rows of a form's fields or of an open pick list.
    pub popup_list: Rect,
}

/// What a frame laid out, handed back to the app after drawing (which
/// only reads the app): where things are for the mouse, the list's page
/// size, and the scroll positions that keep the selection in view.
#[derive(Debug, Clone, Default)]
pub struct Drawn {
    pub areas: Areas,
    /// Rows the current list showed (for PageUp/PageDown).
    pub page: Option<usize>,
    /// The current view's list position, kept in view.
    pub list: Option<(Tab, ListPos)>,
    /// The Matrix view's scrolling.
    pub matrix: Option<MatrixScroll>,
    /// The first row shown of the open pick list or popup list.
    pub scroll: Option<usize>,
    /// The width the open multi-line editor wraps at.
    pub wrap_width: Option<usize>,
    /// How far the details were scrolled, kept within what they hold.
    pub details_scroll: Option<usize>,
    /// The Journey view's scrolling.
    pub journey: Option<JourneyScroll>,
    /// How far the Overview is scrolled, kept within what it holds.
    pub overview_scroll: Option<usize>,
    /// How far the campaign calendar is scrolled down, kept within it.
    pub calendar_line: Option<usize>,
}

/// How far the Journey view is scrolled down, and how many lines a page is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JourneyScroll {
    pub line: usize,
    pub page: usize,
}

/// Where the Matrix view is scrolled to, and how many body lines it showed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatrixScroll {
    pub line_offset: usize,
    pub col_offset: usize,
    pub page_lines: usize,
}

/// Selection and scroll position of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPos {
    pub selected: usize,
    pub offset: usize,
}

impl ListPos {
    /// Keeps the selection inside `len` rows and visible in `height` rows.
    pub fn fit(&mut self, len: usize, height: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}
