//! The guide's lookup table: from a row's period, lead origin, count
//! buckets and flags to its situation's rates, code and pattern bits.

use super::columns::Span;
use super::integer::{numerator, DayCheck, SegSel};
use super::output::{GUIDE_DEFAULT, GUIDE_IN_KIND};
use super::NO_SITUATION;
use crate::error::{Error, Result};
use crate::labels::Labelled;
use crate::mission::LeadOrigin;
use crate::policy::guide::Guide;
use rust_decimal::Decimal;
use std::sync::Arc;

// ---- the guide lookup table ------------------------------------------------------------

/// Rows per chunk of the two-pass kernels (the cell indexes stay in L1).
pub(super) const CHUNK: usize = 512;

/// Count buckets: bucket `b` holds the counts from `thresholds[b]` to the next threshold.
#[derive(Debug, Clone)]
pub(super) struct Buckets {
    thresholds: Vec<u32>,
    /// The bucket of each count up to the last threshold (at most 4096 of them).
    small: Vec<u32>,
    /// Whether `small` reaches the last threshold: larger counts are in the last bucket.
    complete: bool,
}

impl Buckets {
    const SMALL: u32 = 4096;

    pub(super) fn new(thresholds: Vec<u32>) -> Buckets {
        let last = thresholds.last().copied().unwrap_or(0);
        let small = (0..=last.min(Self::SMALL - 1)).map(|n| Buckets::search(&thresholds, n)).collect();
        Buckets { thresholds, small, complete: last < Self::SMALL }
    }

    fn search(thresholds: &[u32], n: u32) -> u32 {
        u32::try_from(thresholds.partition_point(|&t| t <= n).saturating_sub(1)).unwrap_or(0)
    }

    #[inline(always)]
    pub(super) fn of(&self, n: u32) -> usize {
        let i = n as usize;
        if self.complete {
            // Clamped into the table: no branch on the count.
            self.small.get(i.min(self.small.len().saturating_sub(1))).copied().unwrap_or(0) as usize
        } else {
            match self.small.get(i) {
                Some(&b) => b as usize,
                None => Buckets::search(&self.thresholds, n) as usize,
            }
        }
    }

    fn len(&self) -> usize {
        self.thresholds.len().max(1)
    }
}

/// What the guide says for one cell of the lookup table.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    /// The situation's rate over `10^scale`.
    pub(super) num: i64,
    /// Its in-kind rate over `10^scale`.
    pub(super) in_kind: i64,
    /// Code into the situation dictionary.
    pub(super) situation: u16,
    /// Guide pattern bits fixed by the situation (default, in kind).
    pub(super) bits: u16,
    /// No guide in force, or the guide matches nothing.
    pub(super) gap: bool,
}

pub(super) const GAP: Entry = Entry { num: 0, in_kind: 0, situation: NO_SITUATION, bits: 0, gap: true };

/// The columns the guide reads, with revenue of either width and days as
/// days or ticks ([`super::integer::SegSel`]).
pub(super) struct GuideRows<'a, M, D = i32> {
    pub(super) revenue: &'a [M],
    pub(super) won_on: &'a [D],
    pub(super) lead_origin: &'a [u8],
    pub(super) partners: &'a [u32],
    pub(super) shared: &'a [u32],
    pub(super) steward: &'a [bool],
    pub(super) informed: &'a [bool],
}

/// From (segment, lead origin, partners, shared resources, steward, informed) to the guide's entry.
#[derive(Debug, Clone)]
pub(super) struct GuideTable {
    pub(super) partners: Buckets,
    pub(super) shared: Buckets,
    /// The offset of each partner count's bucket in an origin's cells (counts
    /// above the last threshold use the last one).
    pub(super) partner_offsets: Vec<u32>,
    /// The same for shared resources.
    pub(super) shared_offsets: Vec<u32>,
    /// The strides of partner and shared-resource counts when every count up
    /// to the last threshold is its own bucket (offsets are then linear).
    pub(super) linear: Option<(u32, u32)>,
    pub(super) per_origin: usize,
    pub(super) per_segment: usize,
    pub(super) entries: Vec<Entry>,
}

impl GuideTable {
    /// `guides`: the guide of each segment, if one is in force.
    pub(super) fn new(guides: &[Option<&Arc<Guide>>], dictionary: &[String], scale: Option<u32>) -> Result<GuideTable> {
        let mut partners = vec![0];
        let mut shared = vec![0];
        for g in guides.iter().flatten() {
            let (p, s) = g.thresholds();
            partners.extend(p);
            shared.extend(s);
        }
        for v in [&mut partners, &mut shared] {
            v.sort_unstable();
            v.dedup();
        }
        let (partners, shared) = (Buckets::new(partners), Buckets::new(shared));
        let per_origin = partners.len() * shared.len() * 4;
        let per_segment = per_origin * LeadOrigin::ALL.len();
        let mut entries = Vec::with_capacity(per_segment * guides.len());
        for guide in guides {
            for origin in LeadOrigin::ALL {
                for &p in &partners.thresholds {
                    for &s in &shared.thresholds {
                        for sw in [false, true] {
                            for ci in [false, true] {
                                let matched = guide.and_then(|g| g.find_parts(*origin, p, s, sw, ci));
                                entries.push(match matched {
                                    None => GAP,
                                    Some(m) => {
                                        let id = &m.situation.id;
                                        let situation = dictionary
                                            .iter()
                                            .position(|d| d == id)
                                            .and_then(|i| u16::try_from(i).ok())
                                            .filter(|&c| c != NO_SITUATION)
                                            .ok_or_else(|| Error::BatchColumn {
                                                column: "situation".into(),
                                                message: "the guides have too many situations".into(),
                                            })?;
                                        let rate = |d: Decimal| scale.and_then(|s| numerator(d, s)).unwrap_or(0);
                                        let mut bits = 0;
                                        if m.specificity == 0 {
                                            bits |= GUIDE_DEFAULT;
                                        }
                                        if !m.situation.in_kind_rate.is_zero() {
                                            bits |= GUIDE_IN_KIND;
                                        }
                                        Entry {
                                            num: rate(m.situation.rate),
                                            in_kind: rate(m.situation.in_kind_rate),
                                            situation,
                                            bits: u16::try_from(bits).unwrap_or(0),
                                            gap: false,
                                        }
                                    }
                                });
                            }
                        }
                    }
                }
            }
        }
        let partner_offsets = partners.small.iter().map(|&b| b * shared.len() as u32 * 4).collect();
        let shared_offsets = shared.small.iter().map(|&b| b * 4).collect();
        let identity = |b: &Buckets| b.small.iter().enumerate().all(|(i, &v)| i == v as usize);
        let linear = (identity(&partners) && identity(&shared)).then(|| (shared.len() as u32 * 4, 4));
        Ok(GuideTable { partners, shared, partner_offsets, shared_offsets, linear, per_origin, per_segment, entries })
    }

    /// Whether the integer kernels can use the table: offsets cover every
    /// threshold and indexes fit 32 bits.
    pub(super) fn is_fast(&self) -> bool {
        self.partners.complete && self.shared.complete && u32::try_from(self.entries.len()).is_ok()
    }

    /// The entry index of each row of a chunk (at most [`CHUNK`] rows), and
    /// whether a row is outside `span` or has a lead origin out of range.
    /// Not inlined: its slices keep their no-alias guarantee, so the
    /// compiler holds every pointer and constant in registers.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn cells<D: Copy + Into<i64>, Sel: SegSel<D>, C: DayCheck<D>>(
        &self,
        sel: Sel,
        span: Span,
        check: C,
        won_on: &[D],
        origin: &[u8],
        partners: &[u32],
        shared: &[u32],
        steward: &[bool],
        informed: &[bool],
        cells: &mut [u32; CHUNK],
    ) -> bool {
        // Everything the loop reads, in locals: the compiler keeps them in registers.
        let (p_offsets, s_offsets) = (self.partner_offsets.as_slice(), self.shared_offsets.as_slice());
        let (p_last, s_last) = (p_offsets.len().saturating_sub(1), s_offsets.len().saturating_sub(1));
        let (per_segment, per_origin) = (self.per_segment as u32, self.per_origin as u32);
        let last_origin = (LeadOrigin::ALL.len() - 1) as u8;
        let mut flag = false;
        // Small loops with few live values each: no register spills, and the
        // first and last can be vectorised.
        for (cell, ((&o, &sw), &ci)) in cells.iter_mut().zip(origin.iter().zip(steward).zip(informed)) {
            flag |= o > last_origin;
            *cell = u32::from(o.min(last_origin)) * per_origin + u32::from(sw) * 2 + u32::from(ci);
        }
        if let Some((p_stride, s_stride)) = self.linear {
            // Buckets 0, 1, …, last: arithmetic instead of lookups (vectorises).
            let (p_last, s_last) = (p_last as u32, s_last as u32);
            for (cell, (&p, &s)) in cells.iter_mut().zip(partners.iter().zip(shared)) {
                *cell += p.min(p_last) * p_stride + s.min(s_last) * s_stride;
            }
        } else {
            for (cell, (&p, &s)) in cells.iter_mut().zip(partners.iter().zip(shared)) {
                let p_offset = p_offsets.get((p as usize).min(p_last)).copied().unwrap_or(0);
                let s_offset = s_offsets.get((s as usize).min(s_last)).copied().unwrap_or(0);
                *cell += p_offset + s_offset;
            }
        }
        for (cell, &d) in cells.iter_mut().zip(won_on) {
            flag |= span.outside(d) | check.odd(d);
            *cell += (sel.seg(d) as u32) * per_segment;
        }
        flag
    }

    /// Goes through `rows` [`CHUNK`] rows at a time: computes the chunk's
    /// cells, then calls `f` with the chunk's first row, revenue and cells;
    /// whether a row is flagged, by the cells or by `f`. Serves both money
    /// widths.
    #[inline(always)]
    pub(super) fn by_chunk<M, D: Copy + Into<i64>, Sel: SegSel<D>, C: DayCheck<D>>(
        &self,
        sel: Sel,
        span: Span,
        check: C,
        rows: GuideRows<'_, M, D>,
        mut f: impl FnMut(usize, &[M], &[u32; CHUNK]) -> bool,
    ) -> bool {
        let mut flag = false;
        let mut cells = [0u32; CHUNK];
        let inputs = rows
            .revenue
            .chunks(CHUNK)
            .zip(rows.won_on.chunks(CHUNK))
            .zip(rows.lead_origin.chunks(CHUNK))
            .zip(rows.partners.chunks(CHUNK))
            .zip(rows.shared.chunks(CHUNK))
            .zip(rows.steward.chunks(CHUNK))
            .zip(rows.informed.chunks(CHUNK));
        for (i, ((((((r, d), o), p), s), sw), ci)) in inputs.enumerate() {
            flag |= self.cells(sel, span, check, d, o, p, s, sw, ci, &mut cells);
            flag |= f(i * CHUNK, r, &cells);
        }
        flag
    }

    #[inline(always)]
    pub(super) fn entry(&self, seg: usize, origin: u8, partners: u32, shared: u32, sw: bool, ci: bool) -> Entry {
        if usize::from(origin) >= LeadOrigin::ALL.len() {
            return GAP;
        }
        let cell = ((self.partners.of(partners) * self.shared.len() + self.shared.of(shared)) * 2 + usize::from(sw))
            * 2
            + usize::from(ci);
        let idx = seg * self.per_segment + usize::from(origin) * self.per_origin + cell;
        self.entries.get(idx).copied().unwrap_or(GAP)
    }
}
