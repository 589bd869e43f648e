//! The general path: every column a policy reads converted into the core's
//! [`MissionTable`], whatever its Arrow type, then evaluated by the core.
//! Slower than the borrowed path, but its errors name the column and the
//! first offending row.

use crate::input::{cents, counts, dates, enum_codes, flags, labels, mission_ids, row_error, Floats, Missions};
use arrow_array::ArrayRef;
use coopetition::mission::LeadOrigin;
use coopetition::origin::LeadOriginBasis;
use coopetition::policy::batch::{MissionColumns, MissionTable, NegotiationColumns};
use coopetition::policy::batch_input;
use coopetition::policy::reads::Reads;
use coopetition::policy::MissionFacts;
use coopetition::Error;

/// The columns read, by the core's names, and whether the provider and the
/// mission ids are.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Wanted {
    /// What the policies read.
    pub(crate) reads: Reads,
    /// Whether the provider and mission ids are read (a comparison's breakdowns).
    pub(crate) provider: bool,
}

impl Wanted {
    /// Every column name these needs may read (the others are never read).
    pub(crate) fn columns(self) -> Vec<&'static str> {
        let mut names = vec!["revenue", "revenue_cents", "won_on", "donations", "donations_cents"];
        if self.provider {
            names.extend(["provider", "mission", "lead_origin", "lead_origin_basis"]);
        }
        if self.reads.guide {
            names.extend(["lead_origin", "partners", "shared_resources", "steward_workstream", "client_informed"]);
        }
        if self.reads.declared {
            names.extend(["declared", "declared_cents"]);
        }
        if self.reads.negotiation {
            names.extend([
                "negotiation_state",
                "negotiation_amount",
                "negotiation_amount_cents",
                "negotiation_offers",
                "negotiation_on",
            ]);
        }
        names
    }
}

/// The missions read into the core's table, with what the table does not
/// say: which optional columns were given, the validity of the negotiation
/// dates, the mission ids to carry over, and the names of the money columns.
pub(crate) struct Table {
    pub(crate) table: MissionTable,
    declared: bool,
    negotiation: bool,
    donations: bool,
    negotiation_dated: Vec<bool>,
    pub(crate) mission: Option<Vec<ArrayRef>>,
    /// The money columns read, by the name the core gives them (`declared`
    /// may have been read from `declared_cents`).
    sources: Vec<(&'static str, String)>,
}

impl Table {
    /// Reads the columns `wanted` of `input`.
    pub(crate) fn read(input: &Missions, floats: Floats, wanted: Wanted) -> Result<Table, Error> {
        let rows = input.rows;
        let needs = wanted.reads;
        let mut t = MissionTable::default();
        (t.provider, t.provider_names) = if wanted.provider {
            let (codes, names, _) = labels(input, "provider", true)?.unwrap_or_default();
            (codes, names)
        } else {
            (vec![0; rows], vec![String::new()])
        };
        let mut sources = Vec::new();
        let mut money = |name: &'static str, required| {
            Ok::<_, Error>(cents(input, name, floats, required)?.map(|(values, column)| {
                sources.push((name, column));
                values
            }))
        };
        (t.revenue_cents, _) = money("revenue", true)?.unwrap_or_default();
        let declared = if needs.declared { money("declared", false)? } else { None };
        let amount = if needs.negotiation { money("negotiation_amount", false)? } else { None };
        let donations = money("donations", false)?;
        (t.won_on, _) = dates(input, "won_on", true)?.unwrap_or_default();
        t.lead_origin = if needs.guide || wanted.provider {
            let (codes, names, valid) = labels(input, "lead_origin", true)?.unwrap_or_default();
            enum_codes::<LeadOrigin>("lead_origin", &codes, &names, &valid)?
        } else {
            vec![0; rows]
        };
        // Optional: a table that does not say gives declared origins.
        let declared_basis = MissionColumns::DECLARED_BASIS;
        let basis = if wanted.provider { labels(input, "lead_origin_basis", false)? } else { None };
        t.lead_origin_basis = match basis {
            Some((codes, names, valid)) => {
                let mut bases = enum_codes::<LeadOriginBasis>("lead_origin_basis", &codes, &names, &valid)?;
                // A null basis is a declared origin.
                for (b, _) in bases.iter_mut().zip(&valid).filter(|(_, ok)| !**ok) {
                    *b = declared_basis;
                }
                bases
            }
            None => vec![declared_basis; rows],
        };
        let has_declared = declared.is_some();
        if let Some((cents, valid)) = declared {
            (t.declared_cents, t.declared_valid) = (cents, valid);
        }
        let states = if needs.negotiation { labels(input, "negotiation_state", false)? } else { None };
        let mut negotiation_dated = Vec::new();
        let has_negotiation = states.is_some();
        if let Some((codes, names, valid)) = states {
            let mapped: Vec<Result<u8, Error>> =
                names.iter().map(|n| NegotiationColumns::status_from_label(n)).collect();
            t.negotiation_status = codes
                .iter()
                .zip(&valid)
                .enumerate()
                .map(|(row, (&c, &ok))| match mapped.get(c as usize) {
                    _ if !ok => Ok(NegotiationColumns::NOT_OPENED),
                    Some(Ok(code)) => Ok(*code),
                    Some(Err(e)) => Err(row_error("negotiation_state", row, e.to_string())),
                    None => Err(row_error("negotiation_state", row, "no such label")),
                })
                .collect::<Result<_, _>>()?;
            (t.negotiation_amount_cents, t.negotiation_amount_valid) =
                amount.unwrap_or_else(|| (vec![0; rows], vec![false; rows]));
            t.negotiation_offers = counts(input, "negotiation_offers", 0)?;
            (t.negotiation_on, negotiation_dated) =
                dates(input, "negotiation_on", false)?.unwrap_or_else(|| (vec![0; rows], vec![false; rows]));
        }
        if needs.guide {
            t.partners = counts(input, "partners", 0)?;
            t.shared_resources = counts(input, "shared_resources", 0)?;
            t.steward_workstream = flags(input, "steward_workstream")?;
            t.client_informed = flags(input, "client_informed")?;
        } else {
            (t.partners, t.shared_resources) = (vec![0; rows], vec![0; rows]);
            (t.steward_workstream, t.client_informed) = (vec![false; rows], vec![false; rows]);
        }
        let has_donations = donations.is_some();
        if let Some((cents, valid)) = donations {
            // A null donation is no donation.
            t.donations_cents = cents.into_iter().zip(valid).map(|(c, ok)| if ok { c } else { 0 }).collect();
        }
        Ok(Table {
            table: t,
            declared: has_declared,
            negotiation: has_negotiation,
            donations: has_donations,
            negotiation_dated,
            mission: if wanted.provider { mission_ids(input)? } else { None },
            sources,
        })
    }

    /// A core error naming the columns the user gave (`declared_cents` for
    /// the core's `declared` when that is the column read).
    pub(crate) fn named(&self, e: Error) -> Error {
        let source = |column: String| match self.sources.iter().find(|(core, _)| *core == column) {
            Some((_, given)) => given.clone(),
            None => column,
        };
        match e {
            Error::BatchRow { column, row, message } => Error::BatchRow { column: source(column), row, message },
            Error::BatchColumn { column, message } => Error::BatchColumn { column: source(column), message },
            other => other,
        }
    }

    /// The columns, the optional ones only where given.
    pub(crate) fn columns(&self) -> MissionColumns<'_> {
        let all = self.table.columns();
        MissionColumns {
            declared_cents: all.declared_cents.filter(|_| self.declared),
            negotiation: all
                .negotiation
                .filter(|_| self.negotiation)
                .map(|n| NegotiationColumns { on_valid: Some(&self.negotiation_dated), ..n }),
            donations_cents: all.donations_cents.filter(|_| self.donations),
            ..all
        }
    }

    /// Per-mission facts, for policies without a columnar kernel.
    pub(crate) fn facts(&self) -> Result<Vec<MissionFacts>, Error> {
        let (provider, names) = (&self.table.provider, &self.table.provider_names);
        let ids = batch_input::actor_ids("provider", provider, names)?;
        let cols = self.columns();
        (0..cols.len())
            .map(|row| {
                let p = provider.get(row).and_then(|p| ids.get(*p as usize)).cloned().flatten();
                cols.facts(row, p.ok_or_else(|| row_error("provider", row, "no provider"))?)
            })
            .collect()
    }
}
