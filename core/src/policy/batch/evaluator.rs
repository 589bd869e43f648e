//! The evaluator: a policy prepared once under given parameters, then run
//! over batches by the integer kernels, with the per-row path for the rows
//! they cannot vouch for.

use super::columns::{epoch, row_error, wrap_row_error, Span};
use super::columns::{tick_of_day, MissionColumns, NegotiationColumns, WideColumns, WideMoney, WonOn};
use super::guide_table::GuideTable;
use super::integer::{dispatch, numerator, pow10, AnyDay, Bounds, DayCheck, Midnights, SegSel};
use super::kernels::negotiations;
use super::kernels::{FlatKernel, GuideKernel, NegotiatedKernel, RowOutputs, SelfKernel, Units, WideFlat, WideGuide};
use super::output::{situation_dictionary, BatchOutput, BuiltinPolicy, Kind, Patterns};
use super::segments::Segments;
use super::{provenance_code, status_code, Outputs, COMPUTED, NO_SITUATION, PRICED};
use crate::error::{Error, Result};
use crate::ids::ActorId;
use crate::labels::Labelled;
use crate::mission::LeadOrigin;
use crate::money::Money;
use crate::policy::facts::MissionFacts;
use crate::policy::params::Parameters;
use crate::policy::ContributionPolicy;
use rust_decimal::Decimal;

// ---- the evaluator ---------------------------------------------------------------------

/// A built-in policy prepared for columnar evaluation under given parameters:
/// build it once and evaluate many batches (record batches of a stream).
#[derive(Debug, Clone)]
pub struct BatchEvaluator<'p> {
    policy: BuiltinPolicy,
    params: &'p Parameters,
    patterns: Patterns,
    situations: Vec<String>,
    /// Interior segment bounds (days at which a parameter the policy reads changes).
    bounds: Vec<i32>,
    /// Days on which every parameter the policy reads is in force.
    span: Span,
    /// Days chrono can represent.
    chrono: Span,
    /// The common scale of the integer kernels; `None`: per-row path for every row.
    scale: Option<u32>,
    /// Rows with a revenue above this take the per-row path (products would overflow).
    limit: i64,
    /// The flat rate of each segment, over `10^scale`.
    flat: Vec<i64>,
    /// The behaviour model's factor over `10^scale`.
    model: Option<i64>,
    guide: Option<GuideTable>,
    provider: ActorId,
    outputs: Outputs,
}

impl<'p> BatchEvaluator<'p> {
    /// Prepares `policy` under `params`.
    ///
    /// # Errors
    /// `batch.column.invalid` if the guides hold more than 65,534 situations.
    pub fn new(policy: &BuiltinPolicy, params: &'p Parameters) -> Result<BatchEvaluator<'p>> {
        let Segments { span, bounds, flat_rates, guides, reads_guide, model, scale } =
            Segments::new(policy.kind(), params);
        let chrono = Span::chrono();
        let limit = scale.map(|s| i64::MAX / pow10(s)).unwrap_or(0);
        let at_scale = |d: Decimal| scale.and_then(|s| numerator(d, s)).unwrap_or(0);
        let situations = situation_dictionary(params);
        let guide = if reads_guide { Some(GuideTable::new(&guides, &situations, scale)?) } else { None };
        let scale = scale.filter(|_| guide.as_ref().is_none_or(GuideTable::is_fast));
        Ok(BatchEvaluator {
            policy: *policy,
            params,
            patterns: Patterns::new(policy),
            situations,
            bounds,
            span,
            chrono,
            scale,
            limit,
            flat: flat_rates.iter().map(|r| r.map(at_scale).unwrap_or(0)).collect(),
            model: model.map(at_scale),
            guide,
            provider: ActorId::new("batch")?,
            outputs: Outputs::All,
        })
    }

    /// The same evaluator, filling the columns `outputs` says.
    #[must_use]
    pub fn with_outputs(mut self, outputs: Outputs) -> BatchEvaluator<'p> {
        self.outputs = outputs;
        self
    }

    /// The columns this evaluator fills.
    pub fn outputs(&self) -> Outputs {
        self.outputs
    }

    /// Whether every column of the output is filled (see [`Outputs::Amounts`]).
    fn fills_all(&self) -> bool {
        self.outputs == Outputs::All || !matches!(self.policy.kind(), Kind::Flat | Kind::Guide)
    }

    /// The policy.
    pub fn policy(&self) -> &BuiltinPolicy {
        &self.policy
    }

    /// The explanation patterns (see [`BatchOutput::patterns`]).
    pub fn patterns(&self) -> &[Vec<&'static str>] {
        &self.patterns.codes
    }

    /// The situation dictionary (see [`situation_dictionary`]).
    pub fn situation_ids(&self) -> &[String] {
        &self.situations
    }

    /// Whether the integer kernels serve this policy and parameters (if not,
    /// every row takes the per-row Decimal path: a rate with more than
    /// [`super::MAX_FAST_SCALE`] decimals, or outside `0..=1`).
    pub fn is_fast(&self) -> bool {
        self.scale.is_some()
    }

    /// Evaluates a batch.
    ///
    /// # Errors
    /// `batch.column.invalid` for columns of different lengths;
    /// `batch.row.invalid` naming the first invalid row (see the module docs).
    pub fn evaluate(&self, cols: &MissionColumns) -> Result<BatchOutput> {
        let mut out = BatchOutput::default();
        self.evaluate_into(cols, &mut out)?;
        Ok(out)
    }

    /// Evaluates a batch into `out`, reusing its buffers (no allocation once
    /// they are large enough). On error `out` is left empty.
    ///
    /// # Errors
    /// As [`BatchEvaluator::evaluate`].
    pub fn evaluate_into(&self, cols: &MissionColumns, out: &mut BatchOutput) -> Result<()> {
        let result = self.run(cols, out);
        if result.is_err() {
            out.clear();
        }
        result
    }

    /// Evaluates rows `first_row..first_row + cols.len()` of a larger table
    /// (a chunk cut with [`MissionColumns::rows`], a record batch of a stream)
    /// into `out`, like [`BatchEvaluator::evaluate_into`], except that a
    /// `batch.row.invalid` error names the row of the whole table. Chunks
    /// evaluated apart (on several threads) give, put end to end, the output
    /// of the whole table.
    ///
    /// # Errors
    /// As [`BatchEvaluator::evaluate`], rows counted from the table's first.
    pub fn evaluate_rows_into(&self, cols: &MissionColumns, first_row: usize, out: &mut BatchOutput) -> Result<()> {
        self.evaluate_into(cols, out).map_err(|e| match e {
            Error::BatchRow { column, row, message } => {
                Error::BatchRow { column, row: row.saturating_add(first_row), message }
            }
            other => other,
        })
    }

    /// Appends to `due` the amount due of every row of `cols`, in 128-bit
    /// cents, under the flat or guide policy, in one pass that reads the
    /// money where it lies: the amounts [`BatchEvaluator::evaluate`] gives
    /// with [`Outputs::Amounts`], every row being priced.
    ///
    /// Returns `false`, with `due` as it was, when a row needs more than the
    /// integer kernels (a revenue beyond their range, a date outside the
    /// parameters' periods, a negative amount, an unknown lead origin…), when
    /// a column the policy reads is not as long as the revenue, or for another
    /// policy: evaluate those columns as [`MissionColumns`] then, which prices
    /// such rows one by one or names the first invalid one.
    pub fn append_amounts(&self, cols: &WideColumns, due: &mut Vec<i128>) -> bool {
        let kind = self.policy.kind();
        let (Some(scale), true) = (self.scale, matches!(kind, Kind::Flat | Kind::Guide)) else {
            return false;
        };
        if !cols.lengths_fit(matches!(kind, Kind::Guide)) || ![1, 10, 100].contains(&cols.cents_per_unit) {
            return false;
        }
        let start = due.len();
        due.reserve(cols.revenue_cents.len());
        let flagged = match cols.revenue_cents {
            WideMoney::I128(revenue) => self.wide_amounts(scale, revenue, cols, due),
            WideMoney::I64(revenue) => self.wide_amounts(scale, revenue, cols, due),
        };
        // A negative donation is left to the per-row path.
        let negative = cols.donations_cents.is_some_and(|d| d.iter().fold(false, |acc, &d| acc | (d < 0)));
        if flagged != Some(false) || negative {
            due.truncate(start);
            return false;
        }
        true
    }

    /// The flat or guide amounts of `revenue` and the other columns of
    /// `cols`; whether a row is flagged, `None` if the kernels do not serve
    /// these columns.
    fn wide_amounts<M: Units>(
        &self,
        scale: u32,
        revenue: &[M],
        cols: &WideColumns,
        due: &mut Vec<i128>,
    ) -> Option<bool> {
        let origin_bad = matches!(self.policy.kind(), Kind::Flat)
            && cols.lead_origin.iter().fold(false, |acc, &o| acc | (o as usize >= LeadOrigin::ALL.len()));
        let flag = match cols.won_on {
            WonOn::Days(days) => self.wide_kernel(scale, revenue, days, AnyDay, self.span, &self.bounds, cols, due),
            WonOn::Ticks(t) => {
                // The span and the bounds in ticks: no tick is divided.
                let span = self.span.in_ticks(t.per_day, t.offset);
                let bounds: Vec<i64> =
                    self.bounds.iter().map(|&b| tick_of_day(i64::from(b), t.per_day, t.offset)).collect();
                match (t.midnight, t.per_day, t.offset) {
                    (false, 1.., _) => self.wide_kernel(scale, revenue, t.ticks, AnyDay, span, &bounds, cols, due),
                    (true, 86_400_000, 0) => {
                        self.wide_kernel(scale, revenue, t.ticks, Midnights, span, &bounds, cols, due)
                    }
                    _ => None,
                }
            }
        };
        flag.map(|f| f | origin_bad)
    }

    /// [`Self::wide_amounts`] once the days' type `D`, their check, span
    /// and bounds are known.
    #[allow(clippy::too_many_arguments)]
    fn wide_kernel<M: Units, D: Copy + PartialOrd + Into<i64>, C: DayCheck<D>>(
        &self,
        scale: u32,
        revenue: &[M],
        won_on: &[D],
        check: C,
        span: Span,
        bounds: &[D],
        cols: &WideColumns,
        due: &mut Vec<i128>,
    ) -> Option<bool> {
        // A unit within the limit is, in cents, within it too.
        let (unit, limit) = (cols.cents_per_unit, self.limit / cols.cents_per_unit);
        match (self.policy.kind(), &self.guide) {
            (Kind::Flat, _) => {
                let mut k = WideFlat { nums: &self.flat, span, limit, unit, revenue, won_on, check, due };
                dispatch(&mut k, scale, bounds)
            }
            (_, Some(table)) => {
                let mut k = WideGuide { table, span, limit, unit, revenue, won_on, check, cols, due };
                dispatch(&mut k, scale, bounds)
            }
            _ => None,
        }
    }

    fn run(&self, cols: &MissionColumns, out: &mut BatchOutput) -> Result<()> {
        cols.check_lengths()?;
        let n = cols.len();
        out.reserve_rows(n, self.fills_all());
        out.patterns.clone_from(&self.patterns.codes);
        out.situation_ids.clone_from(&self.situations);
        let suspicious = match self.scale {
            Some(scale) => self.kernels(scale, cols, out),
            None => None,
        };
        match suspicious {
            // Every row per row.
            None => {
                let mut scratch = self.scratch();
                for row in 0..n {
                    self.row(cols, row, &mut scratch, out)?;
                }
            }
            // Only the rows the kernels could not vouch for.
            Some(true) => {
                let mut scratch = self.scratch();
                for row in 0..n {
                    if self.suspicious(cols, row) {
                        self.row(cols, row, &mut scratch, out)?;
                    }
                }
            }
            Some(false) => {}
        }
        Ok(())
    }

    fn scratch(&self) -> MissionFacts {
        MissionFacts::new(self.provider.clone(), Money::ZERO, epoch(), LeadOrigin::Other)
    }

    /// Runs the integer kernel of the policy; `Some(true)` if some row needs the per-row path.
    fn kernels(&self, scale: u32, cols: &MissionColumns, out: &mut BatchOutput) -> Option<bool> {
        // Structure of the columns the kernel does not read.
        let origin_bad = || cols.lead_origin.iter().fold(false, |acc, &o| acc | (o as usize >= LeadOrigin::ALL.len()));
        let negotiation_bad = || {
            let chrono = self.chrono;
            cols.negotiation.is_some()
                && negotiations(cols)
                    .take(cols.len())
                    .fold(false, |acc, (s, _, v, on)| acc | NegotiationColumns::bad(s, v, on, chrono))
        };
        let BatchOutput { due_cents, status, provenance, situation, in_kind_cents, explanation, .. } = out;
        let flagged = match self.policy.kind() {
            Kind::Flat => {
                status.fill(PRICED);
                provenance.fill(COMPUTED);
                situation.fill(NO_SITUATION);
                in_kind_cents.fill(0);
                // Empty with `Outputs::Amounts`: the kernel then writes the amounts only.
                let mut k = FlatKernel {
                    nums: &self.flat,
                    span: self.span,
                    limit: self.limit,
                    cols,
                    due: due_cents,
                    pattern: explanation,
                };
                dispatch(&mut k, scale, &self.bounds)? | origin_bad()
            }
            Kind::Guide => {
                status.fill(PRICED);
                provenance.fill(COMPUTED);
                // `in_kind`, `situation` and `explanation` are empty with `Outputs::Amounts`.
                let mut k = GuideKernel {
                    table: self.guide.as_ref()?,
                    span: self.span,
                    limit: self.limit,
                    cols,
                    due: due_cents,
                    in_kind: in_kind_cents,
                    situation,
                    pattern: explanation,
                };
                dispatch(&mut k, scale, &self.bounds)?
            }
            Kind::SelfAssessed(_) => {
                in_kind_cents.fill(0);
                let mut k = SelfKernel {
                    table: self.guide.as_ref()?,
                    model: self.model,
                    patterns: &self.patterns,
                    span: self.span,
                    limit: self.limit,
                    cols,
                    out: RowOutputs { due: due_cents, status, provenance, situation, pattern: explanation },
                };
                dispatch(&mut k, scale, &self.bounds)?
            }
            Kind::Negotiated(_) => {
                in_kind_cents.fill(0);
                let mut k = NegotiatedKernel {
                    table: self.guide.as_ref(),
                    flat: &self.flat,
                    model: self.model,
                    patterns: &self.patterns,
                    span: self.span,
                    chrono: self.chrono,
                    limit: self.limit,
                    cols,
                    out: RowOutputs { due: due_cents, status, provenance, situation, pattern: explanation },
                };
                return dispatch(&mut k, scale, &self.bounds);
            }
        };
        Some(flagged | negotiation_bad())
    }

    /// Whether row `row` may be invalid or beyond the kernels (a superset of
    /// the rows where the per-mission policy fails).
    fn suspicious(&self, cols: &MissionColumns, row: usize) -> bool {
        let get = |s: &[i64]| s.get(row).copied();
        let (Some(revenue), Some(&day), Some(&origin)) =
            (get(cols.revenue_cents), cols.won_on.get(row), cols.lead_origin.get(row))
        else {
            return true;
        };
        let mut bad = revenue < 0
            || revenue > self.limit
            || usize::from(origin) >= LeadOrigin::ALL.len()
            || self.chrono.outside(day)
            || self.span.outside(day);
        if let Some(table) = &self.guide {
            let (p, s) = (cols.partners.get(row), cols.shared_resources.get(row));
            let (sw, ci) = (cols.steward_workstream.get(row), cols.client_informed.get(row));
            bad |= match (p, s, sw, ci) {
                (Some(&p), Some(&s), Some(&sw), Some(&ci)) => {
                    table.entry(Bounds(&self.bounds).seg(day), origin, p, s, sw, ci).gap
                }
                _ => true,
            };
        }
        if let Some((values, valid)) = cols.declared_cents {
            let d = values.get(row).copied().unwrap_or(-1);
            bad |= valid.get(row).copied().unwrap_or(true) && (d < 0 || d > revenue);
        }
        if let Some(donations) = cols.donations_cents {
            bad |= donations.get(row).is_none_or(|&d| d < 0);
        }
        if let Some(neg) = &cols.negotiation {
            let valid = neg.amount_valid.map(|v| v.get(row).copied().unwrap_or(false)).unwrap_or(true);
            let dated = neg.on_valid.is_none_or(|v| v.get(row).copied().unwrap_or(false));
            match (neg.status.get(row), neg.amount_cents.get(row), neg.on.get(row)) {
                (Some(&s), Some(&a), Some(&day)) => {
                    let on = if dated { day } else { i32::MIN };
                    // An agreed amount, or an open negotiation's last offer, within the revenue.
                    let amount = s == NegotiationColumns::AGREED || (s == NegotiationColumns::OPEN && valid);
                    bad |= NegotiationColumns::bad(s, valid, on, self.chrono) || (amount && (a < 0 || a > revenue));
                }
                _ => bad = true,
            }
        }
        bad
    }

    /// Evaluates row `row` with the per-mission policy into `out`.
    fn row(&self, cols: &MissionColumns, row: usize, m: &mut MissionFacts, out: &mut BatchOutput) -> Result<()> {
        cols.fill_facts(row, m)?;
        let column = |e: &Error| match e {
            Error::NegativeAmount { .. } | Error::AmountOverflow(_) => "revenue",
            Error::DeclarationOutOfRange { .. } if matches!(self.policy, BuiltinPolicy::Negotiated(_)) => {
                "negotiation_amount"
            }
            Error::DeclarationOutOfRange { .. } => "declared",
            Error::GuideGap(_) => "lead_origin",
            _ => "won_on",
        };
        let a = self.policy.evaluate(m, self.params).map_err(|e| wrap_row_error(column(&e), row, &e))?;
        let internal = |what: &str| row_error("revenue", row, format!("{what} does not fit the batch output"));
        let cents = |money: Money, what: &str| money.to_cents().ok_or_else(|| internal(what));
        let due = match a.amount {
            Some(amount) => cents(amount, "the amount due")?,
            None => 0,
        };
        let in_kind = cents(a.in_kind_credit, "the in-kind credit")?;
        let situation = match &a.situation {
            Some(id) => self
                .situations
                .iter()
                .position(|s| s.as_str() == &**id)
                .and_then(|i| u16::try_from(i).ok())
                .ok_or_else(|| internal("the situation"))?,
            None => NO_SITUATION,
        };
        let pattern = self.patterns.find(&a).ok_or_else(|| internal("the explanation"))?;
        let slot = |ok: bool| if ok { Ok(()) } else { Err(internal("the row")) };
        let details = out.has_details();
        slot(set(&mut out.due_cents, row, due))?;
        slot(set(&mut out.status, row, status_code(a.status)))?;
        if !details {
            return Ok(());
        }
        slot(set(&mut out.provenance, row, provenance_code(a.provenance)))?;
        slot(set(&mut out.situation, row, situation))?;
        slot(set(&mut out.in_kind_cents, row, in_kind))?;
        slot(set(&mut out.explanation, row, pattern))
    }
}

pub(super) fn set<T>(v: &mut [T], row: usize, value: T) -> bool {
    match v.get_mut(row) {
        Some(slot) => {
            *slot = value;
            true
        }
        None => false,
    }
}

/// Evaluates `policy` over `cols` under `params`.
///
/// Builds a [`BatchEvaluator`]; to evaluate many batches, build it once.
///
/// # Errors
/// `batch.column.invalid` for columns of different lengths;
/// `batch.row.invalid` naming the first invalid row (see the module docs).
pub fn evaluate_columns(policy: &BuiltinPolicy, params: &Parameters, cols: &MissionColumns) -> Result<BatchOutput> {
    BatchEvaluator::new(policy, params)?.evaluate(cols)
}

/// Evaluates `policy` over `cols` under `params` into `out`, reusing its
/// buffers. On error `out` is left empty.
///
/// # Errors
/// As [`evaluate_columns`].
pub fn evaluate_columns_into(
    policy: &BuiltinPolicy,
    params: &Parameters,
    cols: &MissionColumns,
    out: &mut BatchOutput,
) -> Result<()> {
    BatchEvaluator::new(policy, params)?.evaluate_into(cols, out)
}

/// The guide situation each row matches, whatever the policy, as codes into
/// [`situation_dictionary`]: [`NO_SITUATION`] where no guide is in force or
/// the lead origin is out of range. Used to break comparisons down by situation.
///
/// # Errors
/// `batch.column.invalid` for columns of different lengths.
pub fn guide_situations(params: &Parameters, cols: &MissionColumns) -> Result<Vec<u16>> {
    cols.check_lengths()?;
    let e = BatchEvaluator::new(&BuiltinPolicy::Guide, params)?;
    let mut out = Vec::with_capacity(cols.len());
    let Some(table) = e.guide.as_ref() else { return Ok(vec![NO_SITUATION; cols.len()]) };
    let rows = cols
        .won_on
        .iter()
        .zip(cols.lead_origin)
        .zip(cols.partners)
        .zip(cols.shared_resources)
        .zip(cols.steward_workstream)
        .zip(cols.client_informed);
    for (((((&day, &o), &p), &s), &sw), &ci) in rows {
        let code = if e.span.outside(day) {
            NO_SITUATION
        } else {
            let seg = Bounds(&e.bounds).seg(day);
            table.entry(seg, o, p, s, sw, ci).situation
        };
        out.push(code);
    }
    Ok(out)
}
