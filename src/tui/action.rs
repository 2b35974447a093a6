//! Every key the TUI understands, in one place. A key press is turned into an
//! [`Action`] according to the current [`Context`]; the help popup and the
//! status line are built from the same tables, so they never disagree with
//! what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the keyboard focus is; each has its own key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Browsing a view's list.
    Normal,
    /// Moving the cell cursor of the Matrix view.
    Matrix,
    /// Moving along the Journey view's stages.
    Journey,
    /// Moving the Flow view's cell cursor.
    Flow,
    /// Resolving a merge's conflicts.
    Resolve,
    /// The list of lint findings.
    Findings,
    /// The Ctrl-P popup: typing finds items.
    Jump,
    /// Moving between the fields of an item's form.
    Form,
    /// Editing a one-line text field.
    Text,
    /// Editing a multi-line text field.
    MultiLine,
    /// Editing a list of strings.
    ListEdit,
    /// Choosing from a pick list.
    Pick,
    /// Confirming a deletion (or any yes/no question).
    Confirm,
    /// Quitting with unsaved changes.
    Quit,
    /// Saving over a file that changed on disk.
    Conflict,
    /// A recovery copy newer than the file was found.
    Recovery,
    /// The map picker shown when no file is given: the maps found.
    Picker,
    /// The map picker's list of templates to start a new map from.
    Templates,
    /// The help popup.
    Help,
}

/// What a key asks for. Keys are remapped to these names in `config.ron`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
pub enum Action {
    Quit,
    Save,
    Help,
    Cancel,
    Confirm,
    NextTab,
    PrevTab,
    GoTab(u8),
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Left,
    Right,
    Home,
    End,
    Add,
    Edit,
    Delete,
    MoveUp,
    MoveDown,
    FilterStage,
    /// Touchpoints: the next sort order.
    Sort,
    /// Touchpoints: choose the optional columns.
    Columns,
    ClearFilter,
    Undo,
    Redo,
    Filter,
    Toggle,
    Backspace,
    DeleteForward,
    /// Text editing as in readline: a word left or right, delete the word
    /// before the cursor, everything before it, everything after it.
    WordLeft,
    WordRight,
    DeleteWordBack,
    DeleteToStart,
    DeleteToEnd,
    Newline,
    Finish,
    NextField,
    PrevField,
    /// Matrix: the next / previous touchpoint of the cell.
    NextItem,
    PrevItem,
    /// Matrix: stages as rows instead of columns.
    Transpose,
    /// Tick or untick the entry of a multiple-choice list, whatever is typed.
    Tick,
    /// Scroll the selected item's details down or up.
    DetailsDown,
    DetailsUp,
    /// The list of lint findings.
    Findings,
    /// Find any item by name or id.
    Jump,
    /// Write a report next to the map.
    Export,
    /// A dialog's lettered choice.
    Choose(char),
    /// A character typed into a text field or filter.
    Insert(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::ALT,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

/// One line of a key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The keys as shown to users.
    pub label: &'static str,
    /// What it does; empty hides the binding from help.
    pub help: &'static str,
    /// The word or two the status line shows for it; empty keeps it out
    /// of the status line.
    pub hint: &'static str,
}

const fn b(
    keys: &'static [Key],
    action: Action,
    label: &'static str,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        label,
        help,
        hint,
    }
}

use Action as A;
use KeyCode as C;

const NAV: [Binding; 6] = [
    b(&[code(C::Up), k('k')], A::Up, "↑/k", "move up", ""),
    b(&[code(C::Down), k('j')], A::Down, "↓/j", "move down", ""),
    b(&[k('g'), code(C::Home)], A::Top, "g/Home", "go to the top", ""),
    b(&[k('G'), code(C::End)], A::Bottom, "G/End", "go to the bottom", ""),
    b(&[code(C::PageUp)], A::PageUp, "PgUp", "page up", ""),
    b(&[code(C::PageDown)], A::PageDown, "PgDn", "page down", ""),
];

/// Keys that work the same in every view, the matrix included: the other
/// views by number, the search, findings and export popups, save, help, quit.
const VIEW_KEYS: [Binding; 14] = [
    b(&[k('9')], A::GoTab(8), "", "", ""),
    b(&[k('2')], A::GoTab(1), "", "", ""),
    b(&[k('3')], A::GoTab(2), "", "", ""),
    b(&[k('4')], A::GoTab(3), "", "", ""),
    b(&[k('5')], A::GoTab(4), "", "", ""),
    b(&[k('6')], A::GoTab(5), "", "", ""),
    b(&[k('7')], A::GoTab(6), "", "", ""),
    b(&[k('8')], A::GoTab(7), "", "", ""),
    b(
        &[ctrl('p')],
        A::Jump,
        "^P",
        "find any item by name or id and go to it",
        "",
    ),
    b(
        &[k('!')],
        A::Findings,
        "!",
        "list the lint findings; Enter goes to the item",
        "",
    ),
    b(&[k('e')], A::Export, "e", "export a report next to the map", ""),
    b(&[ctrl('s')], A::Save, "^S", "save", "save"),
    b(&[k('?')], A::Help, "?", "show every key", "help"),
    b(
        &[k('q'), ctrl('c')],
        A::Quit,
        "q",
        "quit (asks when there are unsaved changes)",
        "quit",
    ),
];

/// `Ctrl-c` quits from every place, asking first when there are unsaved
/// changes; text being typed is kept as if Enter had been pressed.
const QUIT_ANYWHERE: Binding = b(
    &[ctrl('c')],
    A::Quit,
    "^C",
    "quit (asks first when there are unsaved changes; typed text is kept)",
    "",
);

/// `Ctrl-s` in a text field, list or pick list keeps what is typed or
/// ticked, then saves the map.
const SAVE_KEEPING: Binding = b(&[ctrl('s')], A::Save, "^S", "keep the text and save the map", "");

/// readline's editing keys, in one-line and multi-line fields alike.
const READLINE: [Binding; 5] = [
    b(&[alt('b')], A::WordLeft, "M-b/M-f", "a word left / right", ""),
    b(&[alt('f')], A::WordRight, "", "", ""),
    b(
        &[ctrl('w')],
        A::DeleteWordBack,
        "^W",
        "delete the word before the cursor",
        "",
    ),
    b(
        &[ctrl('u')],
        A::DeleteToStart,
        "^U",
        "delete to the start of the line",
        "",
    ),
    b(&[ctrl('k')], A::DeleteToEnd, "^K", "delete to the end of the line", ""),
];

static NORMAL: &[Binding] = &[
    b(&[k('a')], A::Add, "a", "add an item to this view", "add"),
    b(
        &[code(C::Enter)],
        A::Edit,
        "Enter",
        "edit the selected item (on Overview: the map's title and description)",
        "edit",
    ),
    b(
        &[k('d'), code(C::Delete)],
        A::Delete,
        "d",
        "delete the selected item (asks first)",
        "delete",
    ),
    b(
        &[k('K')],
        A::MoveUp,
        "K",
        "move the selected item up (stages: earlier in the journey)",
        "",
    ),
    b(&[k('J')], A::MoveDown, "J", "move the selected item down", ""),
    b(
        &[k('/')],
        A::Filter,
        "/",
        "filter by name (touchpoints: any of their text); Enter keeps, Esc clears",
        "",
    ),
    b(&[k('u')], A::Undo, "u", "undo the last change", ""),
    b(&[ctrl('r')], A::Redo, "^R", "redo what was undone", ""),
    b(
        &[k(']')],
        A::DetailsDown,
        "]/[",
        "scroll the details down / up when they do not fit",
        "",
    ),
    b(&[k('[')], A::DetailsUp, "", "", ""),
    b(
        &[k('f')],
        A::FilterStage,
        "f",
        "touchpoints: show one stage, chosen from a list",
        "",
    ),
    b(
        &[k('s')],
        A::Sort,
        "s",
        "touchpoints: sort by stage, name, tactic, emotion, channel or file order",
        "",
    ),
    b(
        &[k('c')],
        A::Columns,
        "c",
        "touchpoints: choose the columns (tactics, personas, channel)",
        "",
    ),
    b(
        &[k('F'), code(C::Esc)],
        A::ClearFilter,
        "F/Esc",
        "clear the filters of this view (/ text, stage)",
        "",
    ),
    b(
        &[k('t')],
        A::Transpose,
        "t",
        "competitors: a table of them side by side; campaigns: their calendar ([/] scroll sideways); t again: back",
        "table",
    ),
    NAV[0],
    NAV[1],
    NAV[2],
    NAV[3],
    NAV[4],
    NAV[5],
    b(
        &[code(C::Tab), k('l'), code(C::Right)],
        A::NextTab,
        "Tab/l",
        "next view",
        "",
    ),
    b(
        &[code(C::BackTab), k('h'), code(C::Left)],
        A::PrevTab,
        "S-Tab/h",
        "previous view",
        "",
    ),
    b(&[k('1')], A::GoTab(0), "1-8", "go to a view by number", ""),
    VIEW_KEYS[0],
    VIEW_KEYS[1],
    VIEW_KEYS[2],
    VIEW_KEYS[3],
    VIEW_KEYS[4],
    VIEW_KEYS[5],
    VIEW_KEYS[6],
    VIEW_KEYS[7],
    VIEW_KEYS[8],
    VIEW_KEYS[9],
    VIEW_KEYS[10],
    VIEW_KEYS[11],
    VIEW_KEYS[12],
    VIEW_KEYS[13],
    // Shown on the status line when there is room after the keys above.
    b(&[], A::FilterStage, "f", "", "stage"),
    b(&[], A::Sort, "s", "", "sort"),
    b(&[], A::Columns, "c", "", "columns"),
];

/// The Matrix view: arrows and hjkl move the cell cursor, so views are
/// switched with Tab and the number keys only.
static MATRIX: &[Binding] = &[
    b(&[code(C::Up), k('k')], A::Up, "↑/k", "cursor up", ""),
    b(&[code(C::Down), k('j')], A::Down, "↓/j", "cursor down", ""),
    b(&[code(C::Left), k('h')], A::Left, "←/h", "cursor left", ""),
    b(&[code(C::Right), k('l')], A::Right, "→/l", "cursor right", ""),
    b(&[k('g')], A::Top, "g/G", "first / last row", ""),
    b(&[k('G')], A::Bottom, "", "", ""),
    b(&[code(C::Home), k('0')], A::Home, "Home/End", "first / last column", ""),
    b(&[code(C::End), k('$')], A::End, "", "", ""),
    b(&[code(C::PageUp)], A::PageUp, "PgUp", "page up", ""),
    b(&[code(C::PageDown)], A::PageDown, "PgDn", "page down", ""),
    b(
        &[k('a')],
        A::Add,
        "a",
        "add a touchpoint at this stage with this tactic",
        "add",
    ),
    b(
        &[code(C::Enter)],
        A::Edit,
        "Enter",
        "edit the selected touchpoint of the cell",
        "edit",
    ),
    b(
        &[k('n')],
        A::NextItem,
        "n/N",
        "next / previous touchpoint of the cell",
        "",
    ),
    b(&[k('N')], A::PrevItem, "", "", ""),
    b(
        &[k('p'), k(' ')],
        A::Toggle,
        "p/Space",
        "plan or unplan this tactic at this stage",
        "plan",
    ),
    b(
        &[k('f')],
        A::FilterStage,
        "f",
        "filter by persona, segment or campaign",
        "filter",
    ),
    b(
        &[k('/')],
        A::Filter,
        "/",
        "show only tactics whose name has this text (Enter keeps it)",
        "",
    ),
    b(
        &[k('F'), code(C::Esc)],
        A::ClearFilter,
        "F/Esc",
        "clear the filters (persona, segment or campaign, / text)",
        "",
    ),
    b(&[k('t')], A::Transpose, "t", "transpose: stages as rows", "transpose"),
    b(&[k('u')], A::Undo, "u", "undo the last change", ""),
    b(&[ctrl('r')], A::Redo, "^R", "redo what was undone", ""),
    b(&[code(C::Tab)], A::NextTab, "Tab", "next view (1-8 go to a view)", ""),
    b(&[code(C::BackTab)], A::PrevTab, "S-Tab", "previous view", ""),
    b(&[k('1')], A::GoTab(0), "", "", ""),
    VIEW_KEYS[0],
    VIEW_KEYS[1],
    VIEW_KEYS[2],
    VIEW_KEYS[3],
    VIEW_KEYS[4],
    VIEW_KEYS[5],
    VIEW_KEYS[6],
    VIEW_KEYS[7],
    VIEW_KEYS[8],
    VIEW_KEYS[9],
    VIEW_KEYS[10],
    VIEW_KEYS[11],
    VIEW_KEYS[12],
    VIEW_KEYS[13],
];

/// The Journey view: arrows move along the stages and scroll the lanes,
/// so views are switched with Tab and the number keys only.
static JOURNEY: &[Binding] = &[
    b(
        &[code(C::Left), k('h')],
        A::Left,
        "←/→",
        "previous / next stage",
        "stage",
    ),
    b(&[code(C::Right), k('l')], A::Right, "", "", ""),
    b(&[code(C::Up), k('k')], A::Up, "↑/↓", "scroll the lanes", "scroll"),
    b(&[code(C::Down), k('j')], A::Down, "", "", ""),
    b(&[code(C::PageUp)], A::PageUp, "PgUp/PgDn", "scroll a page", ""),
    b(&[code(C::PageDown)], A::PageDown, "", "", ""),
    b(&[code(C::Home), k('g')], A::Home, "g/G", "first / last stage", ""),
    b(&[code(C::End), k('G')], A::End, "", "", ""),
    b(&[code(C::Enter)], A::Edit, "Enter", "edit the selected stage", "edit"),
    b(&[k('u')], A::Undo, "u", "undo the last change", ""),
    b(&[ctrl('r')], A::Redo, "^R", "redo what was undone", ""),
    b(&[code(C::Tab)], A::NextTab, "Tab", "next view (1-9 go to a view)", ""),
    b(&[code(C::BackTab)], A::PrevTab, "S-Tab", "previous view", ""),
    b(&[k('1')], A::GoTab(0), "", "", ""),
    VIEW_KEYS[0],
    VIEW_KEYS[1],
    VIEW_KEYS[2],
    VIEW_KEYS[3],
    VIEW_KEYS[4],
    VIEW_KEYS[5],
    VIEW_KEYS[6],
    VIEW_KEYS[7],
    VIEW_KEYS[8],
    VIEW_KEYS[9],
    VIEW_KEYS[10],
    VIEW_KEYS[11],
    VIEW_KEYS[12],
    VIEW_KEYS[13],
];

/// The Flow view: arrows move the cell cursor (from-stage rows, to-stage
/// columns), so views are switched with Tab and the number keys only.
static FLOW: &[Binding] = &[
    b(
        &[code(C::Up), k('k')],
        A::Up,
        "↑/↓",
        "from an earlier / later stage",
        "",
    ),
    b(&[code(C::Down), k('j')], A::Down, "", "", ""),
    b(
        &[code(C::Left), k('h')],
        A::Left,
        "←/→",
        "to an earlier / later stage",
        "",
    ),
    b(&[code(C::Right), k('l')], A::Right, "", "", ""),
    b(&[k('g')], A::Top, "g", "the next gap", "gap"),
    b(
        &[k('a')],
        A::Add,
        "a",
        "add a campaign for this step (from the row's stage to the column's)",
        "add",
    ),
    b(
        &[code(C::Enter)],
        A::Edit,
        "Enter",
        "edit the step's first campaign",
        "edit",
    ),
    b(&[k('n')], A::NextItem, "n", "edit the step's next campaign", ""),
    b(&[k('u')], A::Undo, "u", "undo the last change", ""),
    b(&[ctrl('r')], A::Redo, "^R", "redo what was undone", ""),
    b(&[code(C::Tab)], A::NextTab, "Tab", "next view (1-9 go to a view)", ""),
    b(&[code(C::BackTab)], A::PrevTab, "S-Tab", "previous view", ""),
    b(&[k('1')], A::GoTab(0), "", "", ""),
    VIEW_KEYS[0],
    VIEW_KEYS[1],
    VIEW_KEYS[2],
    VIEW_KEYS[3],
    VIEW_KEYS[4],
    VIEW_KEYS[5],
    VIEW_KEYS[6],
    VIEW_KEYS[7],
    VIEW_KEYS[8],
    VIEW_KEYS[9],
    VIEW_KEYS[10],
    VIEW_KEYS[11],
    VIEW_KEYS[12],
    VIEW_KEYS[13],
];

/// Resolving merge conflicts: a key chooses a side for the conflict shown.
static RESOLVE: &[Binding] = &[
    b(&[k('o')], A::Choose('o'), "o", "take ours", "ours"),
    b(&[k('t')], A::Choose('t'), "t", "take theirs", "theirs"),
    b(
        &[k('B')],
        A::Choose('B'),
        "B",
        "take the base (what it was before both)",
        "base",
    ),
    b(
        &[k('b')],
        A::Choose('b'),
        "b",
        "of a list: keep both sides' entries",
        "both",
    ),
    b(
        &[k('e')],
        A::Choose('e'),
        "e",
        "take ours, then edit the field in its form",
        "edit",
    ),
    b(
        &[code(C::Down), k('j'), code(C::Right)],
        A::Down,
        "↓/↑",
        "the next / previous conflict",
        "",
    ),
    b(&[code(C::Up), k('k'), code(C::Left)], A::Up, "", "", ""),
    b(
        &[ctrl('s')],
        A::Save,
        "^S",
        "save (once every conflict is resolved)",
        "",
    ),
    b(
        &[k('q'), ctrl('c')],
        A::Quit,
        "q",
        "quit, leaving the file as it is",
        "quit",
    ),
];

static JUMP: &[Binding] = &[
    b(&[code(C::Enter)], A::Confirm, "Enter", "go to the item", "go"),
    b(&[code(C::Esc)], A::Cancel, "Esc", "close", "close"),
    b(&[code(C::Up)], A::Up, "↑", "move up", ""),
    b(&[code(C::Down)], A::Down, "↓", "move down", ""),
    b(&[code(C::PageUp)], A::PageUp, "PgUp", "page up", ""),
    b(&[code(C::PageDown)], A::PageDown, "PgDn", "page down", ""),
    b(&[code(C::Backspace)], A::Backspace, "Bksp", "shorten the search", ""),
    b(&[], A::Insert(' '), "type", "find by name or id", "find"),
    QUIT_ANYWHERE,
];

static FINDINGS: &[Binding] = &[
    b(&[code(C::Enter)], A::Confirm, "Enter", "go to the item", "go"),
    b(&[code(C::Up), k('k')], A::Up, "↑/k", "move up", ""),
    b(&[code(C::Down), k('j')], A::Down, "↓/j", "move down", ""),
    b(&[code(C::Esc), k('q'), k('!')], A::Cancel, "Esc", "close", "close"),
    QUIT_ANYWHERE,
];

static FORM: &[Binding] = &[
    b(&[code(C::Enter)], A::Edit, "Enter", "edit the field", "edit"),
    b(
        &[code(C::Tab), code(C::Down), k('j')],
        A::NextField,
        "Tab/↓",
        "next field",
        "field",
    ),
    b(
        &[code(C::BackTab), code(C::Up), k('k')],
        A::PrevField,
        "S-Tab/↑",
        "previous field",
        "",
    ),
    b(
        &[code(C::Left), k('h')],
        A::Left,
        "←/h",
        "previous choice / emotion down",
        "",
    ),
    b(
        &[code(C::Right), k('l')],
        A::Right,
        "→/l",
        "next choice / emotion up",
        "change",
    ),
    b(&[k(' ')], A::Toggle, "Space", "toggle a yes/no field", ""),
    b(&[code(C::Esc)], A::Cancel, "Esc", "close the form", "close"),
    b(&[ctrl('s')], A::Save, "^S", "save the map", "save"),
    b(&[k('?')], A::Help, "?", "show every key", "help"),
    b(
        &[ctrl('c')],
        A::Quit,
        "^C",
        "quit (asks when there are unsaved changes)",
        "",
    ),
];

static TEXT: &[Binding] = &[
    b(&[code(C::Enter)], A::Confirm, "Enter", "keep the text", "keep"),
    SAVE_KEEPING,
    b(&[code(C::Esc)], A::Cancel, "Esc", "cancel the edit", "cancel"),
    b(&[code(C::Left)], A::Left, "←", "cursor left", ""),
    b(&[code(C::Right)], A::Right, "→", "cursor right", ""),
    b(&[code(C::Home), ctrl('a')], A::Home, "Home/^A", "start of line", ""),
    b(&[code(C::End), ctrl('e')], A::End, "End/^E", "end of line", ""),
    b(
        &[code(C::Backspace)],
        A::Backspace,
        "Bksp",
        "delete before the cursor",
        "",
    ),
    b(&[code(C::Delete)], A::DeleteForward, "Del", "delete at the cursor", ""),
    READLINE[0],
    READLINE[1],
    READLINE[2],
    READLINE[3],
    READLINE[4],
    // A line break pasted without bracketed paste arrives as Ctrl-j (LF):
    // one line cannot hold it, so it is a space, never lost.
    b(&[ctrl('j')], A::Insert(' '), "", "", ""),
    QUIT_ANYWHERE,
];

static MULTILINE: &[Binding] = &[
    b(
        &[ctrl('s')],
        A::Save,
        "^S",
        "keep the text and save the map",
        "keep & save",
    ),
    b(
        &[code(C::Esc)],
        A::Cancel,
        "Esc",
        "stop editing (asks whether to keep changes)",
        "stop",
    ),
    b(
        &[code(C::Enter), ctrl('j')],
        A::Newline,
        "Enter",
        "new line",
        "new line",
    ),
    b(&[code(C::Up)], A::Up, "↑", "line up", ""),
    b(&[code(C::Down)], A::Down, "↓", "line down", ""),
    b(&[code(C::Left)], A::Left, "←", "cursor left", ""),
    b(&[code(C::Right)], A::Right, "→", "cursor right", ""),
    b(&[code(C::Home), ctrl('a')], A::Home, "Home/^A", "start of line", ""),
    b(&[code(C::End), ctrl('e')], A::End, "End/^E", "end of line", ""),
    b(
        &[code(C::Backspace)],
        A::Backspace,
        "Bksp",
        "delete before the cursor",
        "",
    ),
    b(&[code(C::Delete)], A::DeleteForward, "Del", "delete at the cursor", ""),
    READLINE[0],
    READLINE[1],
    READLINE[2],
    READLINE[3],
    READLINE[4],
    QUIT_ANYWHERE,
];

static LIST_EDIT: &[Binding] = &[
    b(&[k('a')], A::Add, "a", "add an entry", "add"),
    b(&[code(C::Enter)], A::Edit, "Enter", "edit the entry", "edit"),
    b(&[k('d'), code(C::Delete)], A::Delete, "d", "delete the entry", "delete"),
    b(&[k('K')], A::MoveUp, "K", "move the entry up", ""),
    b(&[k('J')], A::MoveDown, "J", "move the entry down", ""),
    b(&[code(C::Up), k('k')], A::Up, "↑/k", "previous entry", ""),
    b(&[code(C::Down), k('j')], A::Down, "↓/j", "next entry", ""),
    b(&[code(C::Esc)], A::Cancel, "Esc", "back to the form", "back"),
    b(&[ctrl('s')], A::Save, "^S", "save the map", ""),
    b(&[k('?')], A::Help, "?", "show every key", ""),
    QUIT_ANYWHERE,
];

static PICK: &[Binding] = &[
    b(&[code(C::Enter)], A::Confirm, "Enter", "choose", "choose"),
    b(
        &[k(' ')],
        A::Toggle,
        "Space",
        "tick or untick (lists; a space once the filter has text)",
        "tick",
    ),
    b(
        &[code(C::Tab)],
        A::Tick,
        "Tab",
        "tick or untick, even while filtering",
        "",
    ),
    b(&[code(C::Esc)], A::Cancel, "Esc", "cancel", "cancel"),
    b(&[code(C::Up)], A::Up, "↑", "move up", ""),
    b(&[code(C::Down)], A::Down, "↓", "move down", ""),
    b(&[code(C::PageUp)], A::PageUp, "PgUp", "page up", ""),
    b(&[code(C::PageDown)], A::PageDown, "PgDn", "page down", ""),
    b(&[code(C::Backspace)], A::Backspace, "Bksp", "shorten the filter", ""),
    b(&[], A::Insert(' '), "type", "filter the choices", "filter"),
    b(&[ctrl('s')], A::Save, "^S", "keep the ticks and save the map", ""),
    QUIT_ANYWHERE,
];

static CONFIRM: &[Binding] = &[
    b(&[k('y'), code(C::Enter)], A::Confirm, "y", "yes", "yes"),
    b(&[k('n'), code(C::Esc)], A::Cancel, "n/Esc", "no", "no"),
    QUIT_ANYWHERE,
];

static QUIT: &[Binding] = &[
    b(&[k('s')], A::Choose('s'), "s", "save, then quit", "save"),
    b(
        &[k('d')],
        A::Choose('d'),
        "d",
        "discard the changes and quit",
        "discard",
    ),
    b(
        &[k('c'), code(C::Esc)],
        A::Cancel,
        "c/Esc",
        "cancel: keep editing",
        "cancel",
    ),
];

static CONFLICT: &[Binding] = &[
    b(
        &[k('r')],
        A::Choose('r'),
        "r",
        "reload the file from disk (your edits are discarded)",
        "reload",
    ),
    b(
        &[k('o')],
        A::Choose('o'),
        "o",
        "overwrite the file with your version",
        "overwrite",
    ),
    b(
        &[k('w')],
        A::Choose('w'),
        "w",
        "write your version to another file",
        "save elsewhere",
    ),
    b(
        &[code(C::Esc), k('c')],
        A::Cancel,
        "Esc",
        "cancel: keep editing, save nothing",
        "cancel",
    ),
    QUIT_ANYWHERE,
];

static RECOVERY: &[Binding] = &[
    b(&[k('r')], A::Choose('r'), "r", "restore the unsaved edits", "restore"),
    b(
        &[k('d')],
        A::Choose('d'),
        "d",
        "discard the recovery copy and open the file",
        "discard",
    ),
    b(
        &[ctrl('c')],
        A::Quit,
        "^C",
        "quit and decide next time (the copy is kept)",
        "",
    ),
];

static PICKER: &[Binding] = &[
    b(&[code(C::Enter)], A::Confirm, "Enter", "open the map", "open"),
    b(
        &[k('n')],
        A::Add,
        "n",
        "new map from a template, or import a file",
        "new",
    ),
    b(
        &[k('/')],
        A::Filter,
        "/",
        "filter the maps by path (Enter keeps it, Esc clears it)",
        "filter",
    ),
    NAV[0],
    NAV[1],
    NAV[2],
    NAV[3],
    b(&[code(C::Esc)], A::Cancel, "Esc", "clear the filter, else quit", ""),
    b(&[k('?')], A::Help, "?", "show every key", "help"),
    b(&[k('q'), ctrl('c')], A::Quit, "q", "quit", "quit"),
];

static TEMPLATES: &[Binding] = &[
    b(
        &[code(C::Enter)],
        A::Confirm,
        "Enter",
        "start a map from the template (the last row imports a file)",
        "use",
    ),
    b(
        &[k('/')],
        A::Filter,
        "/",
        "filter the templates by name or stages (Enter keeps it, Esc clears it)",
        "filter",
    ),
    NAV[0],
    NAV[1],
    NAV[2],
    NAV[3],
    b(
        &[code(C::Esc)],
        A::Cancel,
        "Esc",
        "clear the filter, else back to the maps (quit if there are none)",
        "back",
    ),
    b(&[k('?')], A::Help, "?", "show every key", "help"),
    b(&[k('q'), ctrl('c')], A::Quit, "q", "quit", "quit"),
];

static HELP: &[Binding] = &[
    b(
        &[code(C::Esc), k('?'), k('q'), code(C::Enter)],
        A::Cancel,
        "Esc",
        "close help",
        "close help",
    ),
    b(
        &[code(C::Down), k('j'), code(C::PageDown)],
        A::Down,
        "↓/j",
        "scroll",
        "scroll",
    ),
    b(&[code(C::Up), k('k'), code(C::PageUp)], A::Up, "↑/k", "scroll back", ""),
    QUIT_ANYWHERE,
];

/// The key table of a context.
pub fn bindings(context: Context) -> &'static [Binding] {
    match context {
        Context::Normal => NORMAL,
        Context::Matrix => MATRIX,
        Context::Journey => JOURNEY,
        Context::Flow => FLOW,
        Context::Resolve => RESOLVE,
        Context::Findings => FINDINGS,
        Context::Jump => JUMP,
        Context::Form => FORM,
        Context::Text => TEXT,
        Context::MultiLine => MULTILINE,
        Context::ListEdit => LIST_EDIT,
        Context::Pick => PICK,
        Context::Confirm => CONFIRM,
        Context::Quit => QUIT,
        Context::Conflict => CONFLICT,
        Context::Recovery => RECOVERY,
        Context::Picker => PICKER,
        Context::Templates => TEMPLATES,
        Context::Help => HELP,
    }
}

/// Contexts in which unbound printable keys are typed text.
fn types_text(context: Context) -> bool {
    matches!(
        context,
        Context::Text | Context::MultiLine | Context::Pick | Context::Jump
    )
}

/// The action a key press asks for in a context, if any.
pub fn action_for(context: Context, key: KeyEvent) -> Option<Action> {
    let mut mods = key.modifiers;
    let key_code = key.code;
    if matches!(key_code, KeyCode::Char(_) | KeyCode::BackTab) {
        // The shifted character (`J`) already says Shift.
        mods.remove(KeyModifiers::SHIFT);
    }
    let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
    let found = bindings(context)
        .iter()
        .find(|binding| {
            binding
                .keys
                .iter()
                .any(|k| k.code == key_code && (k.mods & relevant) == (mods & relevant))
        })
        .map(|binding| binding.action);
    if found.is_some() {
        return found;
    }
    match key_code {
        KeyCode::Char(c) if types_text(context) && !mods.intersects(relevant) => Some(Action::Insert(c)),
        KeyCode::Tab if context == Context::MultiLine => Some(Action::Insert('\t')),
        _ => None,
    }
}

/// A key typed quickly after Esc reaches the program as the same bytes as
/// Alt+key (`ESC a`). Where Alt+key means nothing, it is read as what the
/// user most likely typed: Esc, then the key.
pub fn escape_then_key(key: KeyEvent) -> Option<[KeyEvent; 2]> {
    if !key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    let mut rest = key;
    rest.modifiers.remove(KeyModifiers::ALT);
    let mut esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    esc.kind = key.kind;
    Some([esc, rest])
}

/// The status-line hints of a context: `key label` pairs.
pub fn status_hints(context: Context) -> Vec<(&'static str, &'static str)> {
    bindings(context)
        .iter()
        .filter(|b| !b.hint.is_empty())
        .map(|b| (b.label, b.hint))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn shifted_letters_and_control_keys_map() {
        assert_eq!(
            action_for(Context::Normal, key(KeyCode::Char('J'), KeyModifiers::SHIFT)),
            Some(Action::MoveDown)
        );
        assert_eq!(
            action_for(Context::Normal, key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Some(Action::Save)
        );
        assert_eq!(
            action_for(Context::Normal, key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Context::Normal, key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevTab)
        );
        assert_eq!(
            action_for(Context::Normal, key(KeyCode::Char('x'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn text_contexts_type_characters() {
        assert_eq!(
            action_for(Context::Text, key(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Insert('q'))
        );
        assert_eq!(
            action_for(Context::Text, key(KeyCode::Char('Ж'), KeyModifiers::SHIFT)),
            Some(Action::Insert('Ж'))
        );
        assert_eq!(
            action_for(Context::Pick, key(KeyCode::Char(' '), KeyModifiers::NONE)),
            Some(Action::Toggle)
        );
    }

    #[test]
    fn every_context_has_status_hints() {
        for context in [
            Context::Normal,
            Context::Matrix,
            Context::Journey,
            Context::Flow,
            Context::Resolve,
            Context::Findings,
            Context::Jump,
            Context::Form,
            Context::Text,
            Context::MultiLine,
            Context::ListEdit,
            Context::Pick,
            Context::Confirm,
            Context::Quit,
            Context::Conflict,
            Context::Recovery,
            Context::Picker,
            Context::Templates,
            Context::Help,
        ] {
            assert!(!status_hints(context).is_empty(), "{context:?}");
        }
    }
}
