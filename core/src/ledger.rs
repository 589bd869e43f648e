//! The ledger: per member and year, what is due, paid, given in kind and donated.
