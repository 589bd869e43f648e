//! The integer kernels of each policy: exact cents over a common
//! `10^scale`, fused with the cheap checks that flag the rows they cannot
//! vouch for.

use super::columns::{MissionColumns, NegotiationColumns, Span, WideColumns};
use super::guide_table::{Entry, GuideRows, GuideTable, CHUNK, GAP};
use super::integer::{div_round, pow10, AnyDay, DayCheck, Kernel, SegSel};
use super::output::{Patterns, SELF_DECLARED, SELF_DONATIONS, SELF_MISSING, SELF_MODELLED, SELF_ROUNDED};
use super::output::{NEG_AGREED, NEG_DONATIONS, NEG_FLAT_ROUNDED, NEG_MODELLED, NEG_MODEL_ROUNDED};
use super::output::{NEG_NOT_OPENED, NEG_OPEN, NEG_OPEN_OFFER, NEG_STALEMATE};
use super::{DECLARED, MODELLED, NEGOTIATED, NO_SITUATION, PENDING, PRICED, STALEMATE, UNDECLARED};
use crate::labels::Labelled;
use crate::mission::LeadOrigin;

// ---- kernels ---------------------------------------------------------------------------

// Optional columns are read as the column (or an empty slice) chained with
// the default value: one iterator type either way, no dynamic dispatch.

/// Donations in cents (zero without the column).
pub(super) fn donations<'a>(cols: &MissionColumns<'a>) -> impl Iterator<Item = i64> + 'a {
    cols.donations_cents.unwrap_or(&[]).iter().copied().chain(std::iter::repeat(0))
}

/// Declarations, as (cents, declared).
pub(super) fn declarations<'a>(cols: &MissionColumns<'a>) -> impl Iterator<Item = (i64, bool)> + 'a {
    let (values, valid): (&[i64], &[bool]) = cols.declared_cents.unwrap_or((&[], &[]));
    values.iter().copied().zip(valid.iter().copied()).chain(std::iter::repeat((0, false)))
}

/// Negotiations, as (status, amount, amount valid, day); a missing day is
/// `i32::MIN`, outside every date, so that the row is flagged and its error
/// comes from the per-row path.
#[inline]
pub(super) fn negotiations<'a>(cols: &MissionColumns<'a>) -> impl Iterator<Item = (u8, i64, bool, i32)> + 'a {
    let none =
        NegotiationColumns { status: &[], amount_cents: &[], amount_valid: None, offers: &[], on: &[], on_valid: None };
    let n = cols.negotiation.unwrap_or(none);
    let dated = n.on_valid.unwrap_or(&[]).iter().copied().chain(std::iter::repeat(true));
    let on = n.on.iter().copied().zip(dated).map(|(d, ok)| if ok { d } else { i32::MIN });
    let status = n.status.iter().copied().chain(std::iter::repeat(NegotiationColumns::NOT_OPENED));
    let amount = n.amount_cents.iter().copied().chain(std::iter::repeat(0));
    let valid = n.amount_valid.unwrap_or(&[]).iter().copied().chain(std::iter::repeat(true));
    let on = on.chain(std::iter::repeat(0));
    status.zip(amount).zip(valid).zip(on).map(|(((s, a), v), d)| (s, a, v, d))
}

/// What the guide reads of one row, as the per-row kernels see it.
#[derive(Clone, Copy)]
pub(super) struct RowFacts {
    revenue: i64,
    day: i32,
    origin: u8,
    partners: u32,
    shared: u32,
    steward: bool,
    informed: bool,
}

/// The rows' facts, in order.
pub(super) fn row_facts<'a>(c: &MissionColumns<'a>) -> impl Iterator<Item = RowFacts> + 'a {
    let columns = c.revenue_cents.iter().zip(c.won_on).zip(c.lead_origin).zip(c.partners);
    let flags = c.shared_resources.iter().zip(c.steward_workstream).zip(c.client_informed);
    columns.zip(flags).map(|((((&revenue, &day), &origin), &partners), ((&shared, &steward), &informed))| RowFacts {
        revenue,
        day,
        origin,
        partners,
        shared,
        steward,
        informed,
    })
}

/// The output columns a per-row kernel writes (amount, status, provenance,
/// situation, explanation pattern).
pub(super) struct RowOutputs<'k> {
    pub(super) due: &'k mut [i64],
    pub(super) status: &'k mut [u8],
    pub(super) provenance: &'k mut [u8],
    pub(super) situation: &'k mut [u16],
    pub(super) pattern: &'k mut [u16],
}

/// One row's output slots.
pub(super) struct RowSlots<'o> {
    due: &'o mut i64,
    status: &'o mut u8,
    provenance: &'o mut u8,
    situation: &'o mut u16,
    pattern: &'o mut u16,
}

impl RowOutputs<'_> {
    /// Each row's slots, in order.
    fn rows(&mut self) -> impl Iterator<Item = RowSlots<'_>> {
        let columns = self.due.iter_mut().zip(self.status.iter_mut()).zip(self.provenance.iter_mut());
        columns.zip(self.situation.iter_mut().zip(self.pattern.iter_mut())).map(
            |(((due, status), provenance), (situation, pattern))| RowSlots {
                due,
                status,
                provenance,
                situation,
                pattern,
            },
        )
    }
}

impl GuideTable {
    /// The entry of a row in segment `seg`.
    #[inline(always)]
    fn entry_of(&self, seg: usize, f: RowFacts) -> Entry {
        self.entry(seg, f.origin, f.partners, f.shared, f.steward, f.informed)
    }
}

pub(super) struct FlatKernel<'k, 'c> {
    pub(super) nums: &'k [i64],
    pub(super) span: Span,
    pub(super) limit: i64,
    pub(super) cols: &'k MissionColumns<'c>,
    pub(super) due: &'k mut [i64],
    pub(super) pattern: &'k mut [u16],
}

/// The flat amount of a row of revenue `r` (`beyond`: outside the kernels'
/// range) won on day `d`, whether it was rounded, and whether the kernels
/// cannot vouch for the row (`flagged`: the caller's own reason, a negative
/// donation or a date64 that is not a midnight); shared by every kernel of
/// the flat rate.
#[inline(always)]
pub(super) fn flat_row<const S: u32, D: Copy + Into<i64>, Sel: SegSel<D>>(
    nums: &[i64],
    span: Span,
    sel: Sel,
    r: i64,
    beyond: bool,
    d: D,
    flagged: bool,
) -> (i64, bool, bool) {
    let num = nums.get(sel.seg(d)).copied().unwrap_or(0);
    let bad = beyond | span.outside(d) | flagged;
    let (v, rounded) = div_round::<S>(r.wrapping_mul(num));
    (v, rounded, bad)
}

impl FlatKernel<'_, '_> {
    #[inline(always)]
    fn go<const S: u32, Sel: SegSel>(&mut self, sel: Sel, donations: impl Iterator<Item = i64>) -> bool {
        let (span, limit, nums) = (self.span, self.limit as u64, self.nums);
        let mut flag = false;
        // A negative revenue is huge as u64.
        let row = |r: i64, d: i32, dn: i64| flat_row::<S, i32, Sel>(nums, span, sel, r, r as u64 > limit, d, dn < 0);
        let rows = self.cols.revenue_cents.iter().zip(self.cols.won_on).zip(donations);
        if self.pattern.len() == self.due.len() {
            for (((&r, &d), dn), (due, pattern)) in rows.zip(self.due.iter_mut().zip(self.pattern.iter_mut())) {
                let (v, rounded, bad) = row(r, d, dn);
                flag |= bad;
                *due = v;
                *pattern = u16::from(rounded) | (u16::from(dn != 0) << 1);
            }
        } else {
            for (((&r, &d), dn), due) in rows.zip(self.due.iter_mut()) {
                let (v, _, bad) = row(r, d, dn);
                flag |= bad;
                *due = v;
            }
        }
        flag
    }
}

impl Kernel for FlatKernel<'_, '_> {
    fn run<const S: u32, Sel: SegSel>(&mut self, sel: Sel) -> bool {
        match self.cols.donations_cents {
            Some(d) => self.go::<S, Sel>(sel, d.iter().copied()),
            None => self.go::<S, Sel>(sel, std::iter::repeat(0)),
        }
    }
}

pub(super) struct GuideKernel<'k, 'c> {
    pub(super) table: &'k GuideTable,
    pub(super) span: Span,
    pub(super) limit: i64,
    pub(super) cols: &'k MissionColumns<'c>,
    pub(super) due: &'k mut [i64],
    pub(super) in_kind: &'k mut [i64],
    pub(super) situation: &'k mut [u16],
    pub(super) pattern: &'k mut [u16],
}

impl GuideKernel<'_, '_> {
    /// The money passes over one chunk: amounts and patterns, in-kind credit
    /// and situations, then the cheap checks and the donations bit (those two
    /// vectorise); only the amounts and checks without `details`
    /// ([`Outputs::Amounts`]). Not inlined, for the reason given at
    /// [`GuideTable::cells`].
    #[inline(never)]
    fn amounts<const S: u32>(
        entries: &[Entry],
        limit: u64,
        cells: &[u32; CHUNK],
        revenue: &[i64],
        donations: Option<&[i64]>,
        due: &mut [i64],
        details: Option<Details<'_>>,
    ) -> bool {
        let mut flag = false;
        let Some(Details { in_kind, situation, pattern }) = details else {
            for ((&cell, &r), due) in cells.iter().zip(revenue).zip(due.iter_mut()) {
                let e = entries.get(cell as usize).copied().unwrap_or(GAP);
                flag |= e.gap;
                *due = div_round::<S>(r.wrapping_mul(e.num)).0;
            }
            flag |= revenue.iter().fold(false, |acc, &r| acc | (r as u64 > limit));
            return flag | donations.is_some_and(|d| d.iter().fold(false, |acc, &d| acc | (d < 0)));
        };
        for ((&cell, &r), (due, pattern)) in cells.iter().zip(revenue).zip(due.iter_mut().zip(pattern.iter_mut())) {
            let e = entries.get(cell as usize).copied().unwrap_or(GAP);
            let (v, rounded) = div_round::<S>(r.wrapping_mul(e.num));
            *due = v;
            *pattern = e.bits | (u16::from(rounded) << 1);
        }
        for ((&cell, &r), (in_kind, situation)) in cells.iter().zip(revenue).zip(in_kind.iter_mut().zip(situation)) {
            let e = entries.get(cell as usize).copied().unwrap_or(GAP);
            flag |= e.gap;
            *in_kind = div_round::<S>(r.wrapping_mul(e.in_kind)).0;
            *situation = e.situation;
        }
        // A negative revenue is huge as u64.
        flag |= revenue.iter().fold(false, |acc, &r| acc | (r as u64 > limit));
        if let Some(donations) = donations {
            for (pattern, &d) in pattern.iter_mut().zip(donations) {
                *pattern |= u16::from(d != 0) << 3;
                flag |= d < 0;
            }
        }
        flag
    }
}

/// A chunk's outputs beside the amounts.
pub(super) struct Details<'a> {
    in_kind: &'a mut [i64],
    situation: &'a mut [u16],
    pattern: &'a mut [u16],
}

impl Kernel for GuideKernel<'_, '_> {
    fn run<const S: u32, Sel: SegSel>(&mut self, sel: Sel) -> bool {
        let (span, limit, table, c) = (self.span, self.limit as u64, self.table, self.cols);
        let entries = table.entries.as_slice();
        let rows = GuideRows {
            revenue: c.revenue_cents,
            won_on: c.won_on,
            lead_origin: c.lead_origin,
            partners: c.partners,
            shared: c.shared_resources,
            steward: c.steward_workstream,
            informed: c.client_informed,
        };
        table.by_chunk(sel, span, AnyDay, rows, |start, r, cells| {
            let rows = start..start + r.len();
            let dn = c.donations_cents.and_then(|d| d.get(rows.clone()));
            let Some(due) = self.due.get_mut(rows.clone()) else { return true };
            // The other outputs of these rows; empty with `Outputs::Amounts`.
            let details =
                (self.in_kind.get_mut(rows.clone()), self.situation.get_mut(rows.clone()), self.pattern.get_mut(rows));
            let details = match details {
                (Some(in_kind), Some(situation), Some(pattern)) => Some(Details { in_kind, situation, pattern }),
                _ => None,
            };
            Self::amounts::<S>(entries, limit, cells, r, dn, due, details)
        })
    }
}

/// Money as the wide kernels read it: 128-bit (decimal128) or 64-bit values.
pub(super) trait Units: Copy {
    /// Whether the value is negative or above `limit`.
    fn beyond(self, limit: u64) -> bool;
    /// The value, wrapped to 64 bits (exact unless [`Units::beyond`]).
    fn low(self) -> i64;
}

impl Units for i128 {
    #[inline(always)]
    fn beyond(self, limit: u64) -> bool {
        // A negative value is huge as u128.
        self as u128 > u128::from(limit)
    }

    #[inline(always)]
    fn low(self) -> i64 {
        self as i64
    }
}

impl Units for i64 {
    #[inline(always)]
    fn beyond(self, limit: u64) -> bool {
        self as u64 > limit
    }

    #[inline(always)]
    fn low(self) -> i64 {
        self
    }
}

/// The flat rate over [`WideColumns`] ([`BatchEvaluator::append_amounts`]):
/// money of either width `M`, days `D` (`i32` days, or `i64` ticks with the
/// span and bounds in ticks), each day checked by `C` ([`DayCheck`]).
pub(super) struct WideFlat<'k, M, D, C> {
    pub(super) nums: &'k [i64],
    /// The span of the parameters, in the unit of `D`.
    pub(super) span: Span,
    /// The revenue's range, in its units.
    pub(super) limit: i64,
    /// Cents per unit of money ([`WideColumns::cents_per_unit`]).
    pub(super) unit: i64,
    pub(super) revenue: &'k [M],
    pub(super) won_on: &'k [D],
    pub(super) check: C,
    pub(super) due: &'k mut Vec<i128>,
}

impl<M: Units, D: Copy + Into<i64>, C: DayCheck<D>> Kernel<D> for WideFlat<'_, M, D, C> {
    fn run<const S: u32, Sel: SegSel<D>>(&mut self, sel: Sel) -> bool {
        let (span, limit, nums, unit, check) = (self.span, self.limit as u64, self.nums, self.unit, self.check);
        let mut flag = false;
        self.due.extend(self.revenue.iter().zip(self.won_on).map(|(&r, &d)| {
            // Within the limit (in cents too) unless flagged.
            let cents = r.low().wrapping_mul(unit);
            let (v, _, bad) = flat_row::<S, D, Sel>(nums, span, sel, cents, r.beyond(limit), d, check.odd(d));
            flag |= bad;
            i128::from(v)
        }));
        flag
    }
}

/// The guide over [`WideColumns`] ([`BatchEvaluator::append_amounts`]):
/// money of either width `M`, days `D` (as for [`WideFlat`]) checked by `C`.
pub(super) struct WideGuide<'k, 'c, M, D, C> {
    pub(super) table: &'k GuideTable,
    /// The span of the parameters, in the unit of `D`.
    pub(super) span: Span,
    /// The revenue's range, in its units.
    pub(super) limit: i64,
    /// Cents per unit of money ([`WideColumns::cents_per_unit`]).
    pub(super) unit: i64,
    pub(super) revenue: &'k [M],
    pub(super) won_on: &'k [D],
    pub(super) check: C,
    pub(super) cols: &'k WideColumns<'c>,
    pub(super) due: &'k mut Vec<i128>,
}

impl<M: Units, D: Copy + Into<i64>, C: DayCheck<D>> Kernel<D> for WideGuide<'_, '_, M, D, C> {
    fn run<const S: u32, Sel: SegSel<D>>(&mut self, sel: Sel) -> bool {
        let (span, limit, table, c, unit) = (self.span, self.limit as u64, self.table, self.cols, self.unit);
        let entries = table.entries.as_slice();
        let rows = GuideRows {
            revenue: self.revenue,
            won_on: self.won_on,
            lead_origin: c.lead_origin,
            partners: c.partners,
            shared: c.shared_resources,
            steward: c.steward_workstream,
            informed: c.client_informed,
        };
        table.by_chunk(sel, span, self.check, rows, |start, r, cells| {
            let mut flag = c
                .donations_cents
                .and_then(|d| d.get(start..start + r.len()))
                .is_some_and(|d| d.iter().fold(false, |acc, &d| acc | (d < 0)));
            // Zeroed, then written, in L1: a loop over slices the compiler keeps tight.
            let base = self.due.len();
            self.due.resize(base + r.len(), 0);
            let out = self.due.get_mut(base..).unwrap_or_default();
            for ((&cell, &r), due) in cells.iter().zip(r).zip(out) {
                let e = entries.get(cell as usize).copied().unwrap_or(GAP);
                flag |= e.gap | r.beyond(limit);
                *due = i128::from(div_round::<S>(r.low().wrapping_mul(unit).wrapping_mul(e.num)).0);
            }
            flag
        })
    }
}

pub(super) struct SelfKernel<'k, 'c> {
    pub(super) table: &'k GuideTable,
    pub(super) model: Option<i64>,
    pub(super) patterns: &'k Patterns,
    pub(super) span: Span,
    pub(super) limit: i64,
    pub(super) cols: &'k MissionColumns<'c>,
    pub(super) out: RowOutputs<'k>,
}

impl Kernel for SelfKernel<'_, '_> {
    fn run<const S: u32, Sel: SegSel>(&mut self, sel: Sel) -> bool {
        let (span, limit, table, c) = (self.span, self.limit as u64, self.table, self.cols);
        let mut flag = false;
        let rows = row_facts(c).zip(declarations(c).zip(donations(c)));
        for ((f, ((dv, has), dn)), out) in rows.zip(self.out.rows()) {
            let r = f.revenue;
            let e = table.entry_of(sel.seg(f.day), f);
            flag |= (r as u64 > limit) | span.outside(f.day) | e.gap;
            *out.situation = e.situation;
            let bits = if has {
                flag |= dv < 0 || dv > r;
                *out.due = dv;
                *out.status = PRICED;
                *out.provenance = DECLARED;
                SELF_DECLARED
            } else if let Some(factor) = self.model {
                let suggestion = div_round::<S>(r.wrapping_mul(e.num)).0;
                let (v, rounded) = div_round::<S>(suggestion.wrapping_mul(factor));
                *out.due = v;
                *out.status = PRICED;
                *out.provenance = MODELLED;
                SELF_MODELLED | if rounded { SELF_ROUNDED } else { 0 }
            } else {
                *out.due = 0;
                *out.status = UNDECLARED;
                *out.provenance = DECLARED;
                SELF_MISSING
            };
            flag |= dn < 0;
            *out.pattern = self.patterns.id(bits | if dn != 0 { SELF_DONATIONS } else { 0 });
        }
        flag
    }
}

pub(super) struct NegotiatedKernel<'k, 'c> {
    pub(super) table: Option<&'k GuideTable>,
    pub(super) flat: &'k [i64],
    pub(super) model: Option<i64>,
    pub(super) patterns: &'k Patterns,
    pub(super) span: Span,
    pub(super) chrono: Span,
    pub(super) limit: i64,
    pub(super) cols: &'k MissionColumns<'c>,
    pub(super) out: RowOutputs<'k>,
}

impl Kernel for NegotiatedKernel<'_, '_> {
    fn run<const S: u32, Sel: SegSel>(&mut self, sel: Sel) -> bool {
        let (span, chrono, limit, c) = (self.span, self.chrono, self.limit as u64, self.cols);
        let one: i64 = const { pow10(S) };
        let mut flag = false;
        let rows = row_facts(c).zip(negotiations(c).zip(donations(c)));
        for ((f, ((ns, amount, valid, on), dn)), out) in rows.zip(self.out.rows()) {
            let (r, d) = (f.revenue, f.day);
            flag |= (r < 0) | chrono.outside(d) | (usize::from(f.origin) >= LeadOrigin::ALL.len());
            flag |= NegotiationColumns::bad(ns, valid, on, chrono);
            let (head, unpriced) = match ns {
                NegotiationColumns::AGREED => (NEG_AGREED, PRICED),
                NegotiationColumns::OPEN if valid => (NEG_OPEN_OFFER, PENDING),
                NegotiationColumns::OPEN => (NEG_OPEN, PENDING),
                NegotiationColumns::STALEMATE => (NEG_STALEMATE, STALEMATE),
                _ => (NEG_NOT_OPENED, PENDING),
            };
            *out.situation = NO_SITUATION;
            *out.provenance = NEGOTIATED;
            let mut bits = head;
            // An agreed amount, or the last offer, within the revenue.
            flag |= (head == NEG_AGREED || head == NEG_OPEN_OFFER) && (amount < 0 || amount > r);
            if head == NEG_AGREED {
                *out.due = amount;
                *out.status = PRICED;
            } else if let (Some(w), Some(table)) = (self.model, self.table) {
                let seg = sel.seg(d);
                let e = table.entry_of(seg, f);
                flag |= (r as u64 > limit) | span.outside(d) | e.gap;
                let suggestion = div_round::<S>(r.wrapping_mul(e.num)).0;
                let (flat, flat_rounded) = div_round::<S>(r.wrapping_mul(self.flat.get(seg).copied().unwrap_or(0)));
                let exact = suggestion.wrapping_mul(one).wrapping_add(flat.wrapping_sub(suggestion).wrapping_mul(w));
                let (v, rounded) = div_round::<S>(exact);
                *out.due = v;
                *out.status = PRICED;
                *out.provenance = MODELLED;
                *out.situation = e.situation;
                bits |= NEG_MODELLED;
                if flat_rounded {
                    bits |= NEG_FLAT_ROUNDED;
                }
                if rounded {
                    bits |= NEG_MODEL_ROUNDED;
                }
            } else {
                *out.due = 0;
                *out.status = unpriced;
            }
            flag |= dn < 0;
            if dn != 0 {
                bits |= NEG_DONATIONS;
            }
            *out.pattern = self.patterns.id(bits);
        }
        flag
    }
}
