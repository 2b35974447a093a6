//! mermaid
