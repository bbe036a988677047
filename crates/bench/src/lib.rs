//! What Tsudoi's benchmark binaries share: the files they feed the app, ordinary and hostile,
//! made here as real bytes (`tsudoi-bench` and `tsudoi-limits` read the same registration
//! export), and the budget's ledger workload.

pub mod budget;
pub mod files;
