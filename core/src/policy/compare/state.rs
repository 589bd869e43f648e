//! A comparison's mergeable state: the [`Summary`] of a part of the
//! missions, which merges with the summaries of the other parts into the
//! summary of them all, and gives the [`Comparison`] of its missions.
//!
//! Counts, money totals (exact, in cents), per-provider totals, the
//! provenance mix and the breakdowns by lead origin, basis and situation
//! merge exactly. The effective rates merge as [`RateDistribution`]s:
//! exactly while there are at most [`EXACT_RATES`](super::rates::EXACT_RATES)
//! in all, else through a histogram whose error bound its module gives.
//!
//! A summary carries its *scope*: a digest of the parameters, the policies
//! (each with its settings, [`ContributionPolicy::identity`]) and the guide's
//! situations. Summaries of different scopes are refused
//! (`batch.summary.mismatch`): their totals would add up to nothing true.
//! Summaries of the same missions under different policies are put side by
//! side with [`Summary::beside`].

use super::aggregate::{counts_overflow, GroupAcc, PolicyAcc, Sum};
use super::rates::{RateDistribution, EXACT_RATES};
use super::{Comparison, Group, PolicySummary, ProvenanceMix, Unpriced, NO_SITUATION_KEY};
use crate::error::{Error, Result};
use crate::labels::Labelled;
use crate::mission::LeadOrigin;
use crate::origin::LeadOriginBasis;
use crate::policy::{ContributionPolicy, Parameters};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The version of the summary's JSON form.
pub const SUMMARY_FORMAT: u32 = 1;

/// The mergeable summary of a comparison over some missions (see the module).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    format: u32,
    /// The digest of the parameters.
    parameters: String,
    /// The identity of each policy ([`ContributionPolicy::identity`]).
    policies_compared: Vec<String>,
    situations: Vec<String>,
    missions: u64,
    revenue: Sum,
    policies: Vec<PolicyState>,
}

/// One policy's part of a [`Summary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PolicyState {
    pub(super) policy: String,
    pub(super) priced: u64,
    pub(super) unpriced: Unpriced,
    pub(super) unpriced_revenue: Sum,
    pub(super) due: Sum,
    pub(super) in_kind: Sum,
    pub(super) donations: Sum,
    pub(super) provenance: ProvenanceMix,
    pub(super) rates: RateDistribution,
    /// By provider id.
    pub(super) providers: BTreeMap<String, GroupAcc>,
    /// In [`LeadOrigin::ALL`] order.
    pub(super) origins: Vec<GroupAcc>,
    /// In [`LeadOriginBasis::ALL`] order.
    pub(super) bases: Vec<GroupAcc>,
    /// One per situation of the summary's dictionary, then "no situation".
    pub(super) situations: Vec<GroupAcc>,
}

/// The digest of `params`, part of a summary's scope (see the module).
pub(super) fn parameters_digest(params: &Parameters) -> String {
    let described = serde_json::to_string(params).unwrap_or_default();
    Sha256::digest(described.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The identities of `policies`, for [`scope`].
pub(super) fn identities<'a>(policies: impl IntoIterator<Item = &'a dyn ContributionPolicy>) -> Vec<String> {
    policies.into_iter().map(|p| p.identity()).collect()
}

fn mismatch(what: String) -> Error {
    Error::SummaryMismatch(what)
}

impl Summary {
    /// A summary of `missions` missions of total `revenue` under `policies`.
    pub(super) fn new(
        params: &Parameters,
        policies_compared: Vec<String>,
        situations: Vec<String>,
        missions: u64,
        revenue: Sum,
        policies: Vec<PolicyState>,
    ) -> Summary {
        let parameters = parameters_digest(params);
        Summary { format: SUMMARY_FORMAT, parameters, policies_compared, situations, missions, revenue, policies }
    }

    /// The number of missions summarised.
    pub fn missions(&self) -> u64 {
        self.missions
    }

    /// The policies' names, in order.
    pub fn policy_names(&self) -> Vec<String> {
        self.policies.iter().map(|p| p.policy.clone()).collect()
    }

    /// The digest of the parameters the missions were evaluated under.
    pub fn parameters_digest(&self) -> &str {
        &self.parameters
    }

    /// Why `other` is not of this summary's scope, if it is not.
    fn differs(&self, other: &Summary, i: usize) -> Option<String> {
        if other.policies_compared != self.policies_compared {
            return Some(format!(
                "summary {i} compares {:?}, summary 0 compares {:?}",
                other.policies_compared, self.policies_compared
            ));
        }
        if other.parameters != self.parameters {
            return Some(format!(
                "summary {i} was made under other parameters than summary 0 (parameters {} against {})",
                short(&other.parameters),
                short(&self.parameters)
            ));
        }
        (other.situations != self.situations)
            .then(|| format!("summary {i} groups missions by other guide situations than summary 0"))
    }

    /// Whether the effective-rate figures are exact (every rate is kept), not
    /// read from the histogram.
    pub fn rates_exact(&self) -> bool {
        self.policies.iter().all(|p| p.rates.is_exact())
    }

    /// The comparison of the missions summarised.
    ///
    /// # Errors
    /// `money.amount.overflow` if a total leaves the decimal range.
    pub fn comparison(&self) -> Result<Comparison> {
        let policies = self.policies.iter().map(|p| p.summary(&self.situations)).collect::<Result<Vec<_>>>()?;
        Ok(Comparison { missions: self.missions, revenue: self.revenue.total()?, policies })
    }

    /// The summary of all the missions of `parts`.
    ///
    /// # Errors
    /// `batch.summary.mismatch` for parts of different scopes (other
    /// parameters, policies or guide situations), naming the first that
    /// differs; `batch.summary.invalid` for no part at all, or counts that
    /// overflow.
    pub fn merge(parts: &[Summary]) -> Result<Summary> {
        Summary::merge_within(&parts.iter().collect::<Vec<_>>(), EXACT_RATES)
    }

    /// [`Summary::merge`], keeping every rate while there are at most
    /// `limit` of them in all (beyond, the rates merge as a histogram: see
    /// [`rates`](super::rates)); [`Summary::merge`] keeps up to
    /// [`EXACT_RATES`].
    ///
    /// # Errors
    /// As [`Summary::merge`].
    pub fn merge_within(parts: &[&Summary], limit: usize) -> Result<Summary> {
        let Some(first) = parts.first() else {
            return Err(Error::SummaryInvalid("there is no summary to merge".into()));
        };
        if let Some(what) = parts.iter().enumerate().skip(1).find_map(|(i, p)| first.differs(p, i)) {
            return Err(mismatch(what));
        }
        let mut missions = 0u64;
        let mut revenue = Sum::default();
        for p in parts.iter().copied() {
            missions = missions.checked_add(p.missions).ok_or_else(counts_overflow)?;
            revenue.merge(&p.revenue);
        }
        let policies = (0..first.policies.len())
            .map(|i| {
                let states: Vec<&PolicyState> = parts.iter().filter_map(|p| p.policies.get(i)).collect();
                PolicyState::merge(&states, limit)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Summary {
            format: SUMMARY_FORMAT,
            parameters: first.parameters.clone(),
            policies_compared: first.policies_compared.clone(),
            situations: first.situations.clone(),
            missions,
            revenue,
            policies,
        })
    }

    /// The summaries of the same missions under different policies, side by
    /// side: one summary of all their policies, in order.
    ///
    /// # Errors
    /// `batch.summary.mismatch` for summaries of other missions (their
    /// counts or revenue differ), parameters or situations;
    /// `batch.summary.invalid` for none.
    pub fn beside(parts: Vec<Summary>) -> Result<Summary> {
        let mut parts = parts.into_iter();
        let Some(mut all) = parts.next() else {
            return Err(Error::SummaryInvalid("there is no summary to put side by side".into()));
        };
        for (i, p) in parts.enumerate() {
            let i = i + 1;
            if p.parameters != all.parameters || p.situations != all.situations {
                return Err(mismatch(format!(
                    "summary {i} was made under other parameters or situations than summary 0"
                )));
            }
            if p.missions != all.missions || p.revenue != all.revenue {
                return Err(mismatch(format!("summary {i} summarises other missions than summary 0")));
            }
            all.policies_compared.extend(p.policies_compared);
            all.policies.extend(p.policies);
        }
        Ok(all)
    }

    /// The summary as JSON (money as decimal strings, cents as strings).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A summary written by [`Summary::to_json`], checked.
    ///
    /// # Errors
    /// `batch.summary.invalid` for text that is not a summary of this
    /// format, or one whose counts do not add up.
    pub fn from_json(text: &str) -> Result<Summary> {
        let summary: Summary =
            serde_json::from_str(text).map_err(|e| Error::SummaryInvalid(format!("not a summary: {e}")))?;
        summary.check().map_err(Error::SummaryInvalid)?;
        Ok(summary)
    }

    /// The invariants of a summary read from outside.
    fn check(&self) -> std::result::Result<(), String> {
        if self.format != SUMMARY_FORMAT {
            return Err(format!("format {} is not {SUMMARY_FORMAT}, the one this version reads", self.format));
        }
        if self.policies.len() != self.policies_compared.len() {
            return Err("the policies do not match the policies compared".into());
        }
        let groups = |name: &str, g: &[GroupAcc], len: usize| -> std::result::Result<(), String> {
            if g.len() != len {
                return Err(format!("{name} has {} groups, not {len}", g.len()));
            }
            let total = g.iter().try_fold(0u64, |t, g| t.checked_add(g.missions).filter(|_| g.priced <= g.missions));
            if total != Some(self.missions) {
                return Err(format!("{name} does not count the {} missions", self.missions));
            }
            Ok(())
        };
        for p in &self.policies {
            let at = |e: String| format!("policy `{}`: {e}", p.policy);
            groups("by lead origin", &p.origins, LeadOrigin::ALL.len()).map_err(at)?;
            groups("by lead-origin basis", &p.bases, LeadOriginBasis::ALL.len()).map_err(at)?;
            groups("by situation", &p.situations, self.situations.len() + 1).map_err(at)?;
            let providers: Vec<GroupAcc> = p.providers.values().cloned().collect();
            groups("by provider", &providers, providers.len()).map_err(at)?;
            p.rates.check().map_err(at)?;
            let unpriced =
                p.unpriced.pending.checked_add(p.unpriced.undeclared).and_then(|u| u.checked_add(p.unpriced.stalemate));
            let mix = &p.provenance;
            let provenance = mix
                .computed
                .checked_add(mix.declared)
                .and_then(|t| t.checked_add(mix.negotiated)?.checked_add(mix.modelled));
            if unpriced.and_then(|u| u.checked_add(p.priced)).is_none_or(|t| t > self.missions)
                || provenance != Some(p.priced)
                || p.rates.count() > p.priced
            {
                return Err(at("its priced, unpriced and rated missions do not add up".into()));
            }
        }
        Ok(())
    }
}

/// The first characters of a scope, to name it.
fn short(scope: &str) -> &str {
    scope.get(..12).unwrap_or(scope)
}

impl PolicyState {
    /// The mergeable state of a policy's aggregator; `providers` names the
    /// provider indices (a dictionary may name one provider twice).
    pub(super) fn of(acc: PolicyAcc, providers: &[String]) -> Result<PolicyState> {
        let mut by_name: BTreeMap<String, GroupAcc> = BTreeMap::new();
        for (name, g) in providers.iter().zip(&acc.providers) {
            if g.missions > 0 {
                by_name.entry(name.clone()).or_default().merge(g).ok_or_else(counts_overflow)?;
            }
        }
        Ok(PolicyState {
            policy: acc.name,
            priced: acc.priced,
            unpriced: acc.unpriced,
            unpriced_revenue: acc.unpriced_revenue,
            due: acc.due,
            in_kind: acc.in_kind,
            donations: acc.donations,
            provenance: acc.provenance,
            rates: RateDistribution::of(acc.rates),
            providers: by_name,
            origins: acc.origins,
            bases: acc.bases,
            situations: acc.situations,
        })
    }

    /// The summary of the policy's missions.
    pub(super) fn summary(&self, dictionary: &[String]) -> Result<PolicySummary> {
        let by_provider = self.providers.iter().map(|(name, g)| g.finish(name)).collect::<Result<Vec<_>>>()?;
        let by_lead_origin =
            LeadOrigin::ALL.iter().zip(&self.origins).map(|(o, g)| g.finish(o.label())).collect::<Result<Vec<_>>>()?;
        let by_lead_origin_basis = LeadOriginBasis::ALL
            .iter()
            .zip(&self.bases)
            .map(|(b, g)| g.finish(b.label()))
            .collect::<Result<Vec<_>>>()?;
        let mut by_situation: Vec<Group> = Vec::with_capacity(self.situations.len());
        for (i, g) in self.situations.iter().enumerate() {
            match dictionary.get(i) {
                Some(id) => by_situation.push(g.finish(id)?),
                None if g.missions > 0 => by_situation.push(g.finish(NO_SITUATION_KEY)?),
                None => {}
            }
        }
        Ok(PolicySummary {
            policy: self.policy.clone(),
            priced: self.priced,
            unpriced: self.unpriced,
            unpriced_revenue: self.unpriced_revenue.total()?,
            total_due: self.due.total()?,
            in_kind_credit: self.in_kind.total()?,
            donations: self.donations.total()?,
            effective_rate: self.rates.stats(),
            provenance: self.provenance,
            by_provider,
            by_lead_origin,
            by_lead_origin_basis,
            by_situation,
        })
    }

    /// The state of one policy over all the parts (of one scope).
    fn merge(parts: &[&PolicyState], limit: usize) -> Result<PolicyState> {
        let Some(first) = parts.first() else {
            return Err(Error::SummaryInvalid("there is no summary to merge".into()));
        };
        let add = |a: u64, b: u64| a.checked_add(b).ok_or_else(counts_overflow);
        let mut merged = PolicyState {
            policy: first.policy.clone(),
            priced: 0,
            unpriced: Unpriced::default(),
            unpriced_revenue: Sum::default(),
            due: Sum::default(),
            in_kind: Sum::default(),
            donations: Sum::default(),
            provenance: ProvenanceMix::default(),
            rates: RateDistribution::merge(&parts.iter().map(|p| &p.rates).collect::<Vec<_>>(), limit),
            providers: BTreeMap::new(),
            origins: vec![GroupAcc::default(); first.origins.len()],
            bases: vec![GroupAcc::default(); first.bases.len()],
            situations: vec![GroupAcc::default(); first.situations.len()],
        };
        // By provider: the parts' maps are sorted, merged pairwise in one pass each.
        let mut providers: Vec<(String, GroupAcc)> = Vec::new();
        for p in parts {
            merged.priced = add(merged.priced, p.priced)?;
            let (u, v) = (&mut merged.unpriced, &p.unpriced);
            (u.pending, u.undeclared, u.stalemate) =
                (add(u.pending, v.pending)?, add(u.undeclared, v.undeclared)?, add(u.stalemate, v.stalemate)?);
            let (m, n) = (&mut merged.provenance, &p.provenance);
            (m.computed, m.declared, m.negotiated, m.modelled) = (
                add(m.computed, n.computed)?,
                add(m.declared, n.declared)?,
                add(m.negotiated, n.negotiated)?,
                add(m.modelled, n.modelled)?,
            );
            merged.unpriced_revenue.merge(&p.unpriced_revenue);
            merged.due.merge(&p.due);
            merged.in_kind.merge(&p.in_kind);
            merged.donations.merge(&p.donations);
            providers = merge_sorted(providers, &p.providers)?;
            for (all, part) in [
                (&mut merged.origins, &p.origins),
                (&mut merged.bases, &p.bases),
                (&mut merged.situations, &p.situations),
            ] {
                if all.len() != part.len() {
                    return Err(mismatch("two summaries group their missions differently".into()));
                }
                for (a, g) in all.iter_mut().zip(part) {
                    a.merge(g).ok_or_else(counts_overflow)?;
                }
            }
        }
        merged.providers = providers.into_iter().collect();
        Ok(merged)
    }
}

/// The groups of `all` (sorted by key) with those of `part` added, sorted.
fn merge_sorted(
    mut all: Vec<(String, GroupAcc)>,
    part: &BTreeMap<String, GroupAcc>,
) -> Result<Vec<(String, GroupAcc)>> {
    // The usual case, the same providers in every part: added in place.
    if all.len() == part.len() && all.iter().zip(part.keys()).all(|((a, _), b)| a == b) {
        for ((_, a), g) in all.iter_mut().zip(part.values()) {
            a.merge(g).ok_or_else(counts_overflow)?;
        }
        return Ok(all);
    }
    let mut out = Vec::with_capacity(all.len().max(part.len()));
    let mut all = all.into_iter().peekable();
    let mut part = part.iter().peekable();
    loop {
        let order = match (all.peek(), part.peek()) {
            (Some((a, _)), Some((b, _))) => a.as_str().cmp(b.as_str()),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => return Ok(out),
        };
        match order {
            std::cmp::Ordering::Less => out.extend(all.next()),
            std::cmp::Ordering::Greater => out.extend(part.next().map(|(k, g)| (k.clone(), g.clone()))),
            std::cmp::Ordering::Equal => {
                if let (Some((k, mut g)), Some((_, h))) = (all.next(), part.next()) {
                    g.merge(h).ok_or_else(counts_overflow)?;
                    out.push((k, g));
                }
            }
        }
    }
}
