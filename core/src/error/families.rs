//! The families of error codes (their first segment): the one table of
//! them, and what each family is for the bindings.

use super::Error;

/// Calls `$callback!` with the table of error families, one entry per family:
///
/// ```text
/// Ident = "name", "PythonClassError", "One-line description";
/// ```
///
/// `Ident` is the family's name in UpperCamelCase (the Kotlin exception
/// class `CoopetitionException.Ident`), `"name"` the first segment of its
/// codes, then the Python exception class that carries them (two families may
/// share one) and a description. The core builds [`Error::FAMILIES`] from it;
/// the Kotlin binding builds its error enum from it, so a new family is one
/// edit here.
#[macro_export]
macro_rules! error_families {
    ($callback:ident) => {
        $callback! {
            Input = "input", "InputError", "Bad input: identifiers, empty texts, unparsable numbers or dates, unknown labels";
            Money = "money", "MoneyError", "Amounts of money: negative, overflowing, beyond range or not in euros";
            Date = "date", "DateError", "Dates in the wrong order";
            Actor = "actor", "ActorError", "Actors: unknown or duplicated, or a level that cannot change";
            Network = "network", "NetworkError", "Founding the network: not founded yet, or founded already";
            Auth = "auth", "AuthorizationError", "Authorisation: a steward or the owner is required";
            Contract = "contract", "ContractError", "Membership contracts";
            Catalogue = "catalogue", "CatalogueError", "Catalogue and charter data";
            Charter = "charter", "CharterError", "The cooperation charter and its signatures";
            Membership = "membership", "MembershipError", "Acting as a member without a live contract";
            Mission = "mission", "MissionError", "Missions";
            Lead = "lead", "LeadError", "Leads the network receives and refers: offers, answers and outcomes";
            Call = "call", "CallError", "Calls for partners: answers and the members who joined";
            Event = "event", "EventError", "Events the network held and who attended them";
            Policy = "policy", "PolicyError", "Contribution policies and their parameters";
            Batch = "batch", "BatchError", "Columnar batches: a missing or mistyped column, an invalid row";
            Negotiation = "negotiation", "NegotiationError", "Negotiations of contributions";
            Ledger = "ledger", "LedgerError", "The ledger: payments, donations, in-kind deliveries";
            Compliance = "compliance", "ComplianceError", "Follow-up of the charter's engagements: deadlines, attendance, shared resources";
            Standing = "standing", "ComplianceError", "A member's standing: hearings and decisions";
            Journal = "journal", "JournalError", "Journals and snapshots: malformed, truncated, of an unknown schema or with a broken hash chain";
            Store = "store", "StoreError", "Durable stores and journal keys: a file that is not a store, a second writer, a failed write, a key missing or not matching";
        }
    };
}

/// A family of error codes: their first segment, and how bindings carry them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Family {
    /// The first segment of the family's codes (`mission`).
    pub name: &'static str,
    /// The Python exception class of its codes (`MissionError`); the Kotlin
    /// class is `CoopetitionException.` followed by the name in UpperCamelCase.
    pub python_class: &'static str,
    /// What the family is about, one line without a final period.
    pub doc: &'static str,
}

/// How many codes of a family come from bad input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FamilyInput {
    /// Every code of the family.
    All,
    /// Some codes, not all.
    Some,
    /// None.
    None,
}

impl Family {
    /// How many of the family's codes come from bad input: bindings make the
    /// exception classes of those codes subclasses of their input error
    /// (Python's `ValueError`).
    pub fn input(&self) -> FamilyInput {
        let codes = Error::CODES.iter().filter(|c| family_of(c) == self.name);
        let (input, total) = codes.fold((0, 0), |(i, t), c| (i + usize::from(Error::is_input_code(c)), t + 1));
        match input {
            0 => FamilyInput::None,
            n if n == total => FamilyInput::All,
            _ => FamilyInput::Some,
        }
    }
}

/// The family of a code: its first segment (`mission` for `mission.id.unknown`).
pub fn family_of(code: &str) -> &str {
    code.split('.').next().unwrap_or(code)
}
