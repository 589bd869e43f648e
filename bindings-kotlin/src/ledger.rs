//! The ledger: per member and year, what is due, paid, given in kind and
//! donated. Computed by the core from the network's state with a policy and
//! its parameters; the records are the core's, derived there (a ledger's
//! settlement is `ledger.settlement()`, exported by the core).

pub use coopetition::ledger::{InKindTotal, MemberLedger, MissionLine, NetworkLedger, Settlement, ValuedDelivery};
