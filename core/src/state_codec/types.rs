//! The field lists of every type a state holds, in the order they are
//! written. Each list is checked by the compiler: writing destructures the
//! value and reading builds it, both without `..`, so a field added to a
//! type and forgotten here does not compile. Changing an order, a tag or a
//! list changes the layout: bump [`super::STATE_ENCODING_VERSION`] (the
//! fixture test in `tests.rs` fails first).

use super::{decode_label, encode_label, Codec, Reader};
use crate::actor::{Actor, ActorKind, InvolvementLevel};
use crate::charter::{CharterArticle, CharterSignature, CharterText};
use crate::contract::{
    Choice, Contract, ContractStatus, ContractTerms, ContractVersion, DiscussionNote, MembershipStructure, PendingTerms,
};
use crate::error::Result;
use crate::fiscal_year::{FiscalYearChange, FiscalYearStart};
use crate::followup::{
    Attendance, Deadlines, DevelopedResource, FollowUp, FollowUpRules, Issued, LevelRules, MissionFollowUp,
    ResourceUse, SanctionThresholds, SharedResource, Threshold,
};
use crate::ids::{ActorId, CallId, ContractId, LeadId, MissionId, NetworkEventId};
use crate::lead::{ChosenBy, Lead, LeadAnswer, LeadOffer, LeadOutcome, LeadVisibility, OfferMode};
use crate::mission::{Client, LeadOrigin, Mission, MissionRecord, MissionStatus, Resource};
use crate::money::Money;
use crate::negotiation::{
    Agreement, Declaration, Delivery, DeliveryUnit, Donation, Negotiation, NegotiationStatus, Offer, Party, Payment,
};
use crate::network::state::{NetworkSettings, NetworkState};
use crate::network_event::NetworkEvent;
use crate::origin::{LeadOriginBasis, OriginRecord};
use crate::partner_call::{CallAnswer, CallNeed, CallPartner, PartnerCall};
use crate::policy::timeline::{Period, Timeline};
use crate::prior_work::{InformObligation, PriorWork};
use crate::recorded::Recorded;
use crate::standing::{
    DecisionVenue, Hearing, HearingAnswer, LevelDecision, Standing, StandingDecision, StandingRecord,
};
use crate::text::Text;

/// Structures, field by field.
macro_rules! codec_structs {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {$(
        impl Codec for $ty {
            fn encode(&self, out: &mut Vec<u8>) {
                let $ty { $($field),* } = self;
                $($field.encode(out);)*
            }
            fn decode(r: &mut Reader<'_>) -> Result<Self> {
                Ok($ty { $($field: Codec::decode(r)?),* })
            }
        }
    )*};
}

/// Enumerations with data: a tag byte per variant, then its fields.
macro_rules! codec_enum {
    ($ty:ident { $($tag:literal => $variant:ident $({ $($field:ident),* })?),+ $(,)? }) => {
        impl Codec for $ty {
            fn encode(&self, out: &mut Vec<u8>) {
                match self {
                    $($ty::$variant $({ $($field),* })? => {
                        out.push($tag);
                        $($($field.encode(out);)*)?
                    })+
                }
            }
            fn decode(r: &mut Reader<'_>) -> Result<Self> {
                match r.byte()? {
                    $($tag => Ok($ty::$variant $({ $($field: Codec::decode(r)?),* })?),)+
                    tag => Err(r.invalid(format_args!("{} tag {tag} unknown", stringify!($ty)))),
                }
            }
        }
    };
}

/// Enumerations with labels, by their position among the labels.
macro_rules! codec_labels {
    ($($ty:ty),*) => {$(
        impl Codec for $ty {
            fn encode(&self, out: &mut Vec<u8>) {
                encode_label(*self, out);
            }
            fn decode(r: &mut Reader<'_>) -> Result<Self> {
                decode_label(r)
            }
        }
    )*};
}

/// Identifiers, checked as on any input.
macro_rules! codec_ids {
    ($($ty:ty),*) => {$(
        impl Codec for $ty {
            fn encode(&self, out: &mut Vec<u8>) {
                super::write_str(out, self.as_str());
            }
            fn decode(r: &mut Reader<'_>) -> Result<Self> {
                let raw = String::decode(r)?;
                <$ty>::new(raw).map_err(|e| r.invalid(e))
            }
        }
    )*};
}

codec_ids!(ActorId, ContractId, MissionId, LeadId, CallId, NetworkEventId);

codec_labels!(
    MembershipStructure,
    ActorKind,
    InvolvementLevel,
    ContractStatus,
    LeadOrigin,
    MissionStatus,
    Party,
    NegotiationStatus,
    DeliveryUnit,
    Standing,
    DecisionVenue,
    LeadVisibility,
    OfferMode,
    ChosenBy,
    CallNeed,
    LeadOriginBasis
);

impl Codec for Money {
    fn encode(&self, out: &mut Vec<u8>) {
        self.amount().encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        let amount = rust_decimal::Decimal::decode(r)?;
        Money::from_mantissa(amount.mantissa(), amount.scale())
            .ok_or_else(|| r.invalid(format_args!("an amount of {amount}, beyond two decimals or the money range")))
    }
}

impl<T: Codec> Codec for Period<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        let Period { from, until, value } = self;
        from.encode(out);
        until.encode(out);
        value.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        Ok(Period { from: Codec::decode(r)?, until: Codec::decode(r)?, value: Codec::decode(r)? })
    }
}

impl<T: Codec> Codec for Timeline<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        super::write_items(out, self.periods());
    }
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        let periods = Vec::<Period<T>>::decode(r)?;
        // Checked as the JSON reader checks a timeline.
        Timeline::new("parameter", periods).map_err(|e| r.invalid(e))
    }
}

/// Missions written in a section this long (bytes) or longer are read on a
/// second thread while the rest of the state is read on the first.
const PARALLEL_SECTION: usize = 1 << 20;

/// A fiscal year's first day: its month and day, which must exist every year.
impl Codec for FiscalYearStart {
    fn encode(&self, out: &mut Vec<u8>) {
        let FiscalYearStart { month, day } = self;
        month.encode(out);
        day.encode(out);
    }

    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        let (month, day) = (Codec::decode(r)?, Codec::decode(r)?);
        FiscalYearStart::new(month, day).map_err(|e| r.invalid(e))
    }
}

/// The state: its fields in declaration order, the missions (the largest
/// part) preceded by their length in bytes, so that a reader can read them
/// beside the rest.
impl Codec for NetworkState {
    fn encode(&self, out: &mut Vec<u8>) {
        let NetworkState {
            settings,
            founded_on,
            founders,
            actors,
            contracts,
            charter,
            signatures,
            missions,
            declarations,
            negotiations,
            payments,
            donations,
            deliveries,
            leads,
            calls,
            events,
            follow_up,
            last_seq,
            fiscal_years,
        } = self;
        settings.encode(out);
        founded_on.encode(out);
        founders.encode(out);
        actors.encode(out);
        contracts.encode(out);
        charter.encode(out);
        signatures.encode(out);
        let mut section = Vec::new();
        missions.encode(&mut section);
        super::write_varint(out, section.len() as u128);
        out.extend_from_slice(&section);
        declarations.encode(out);
        negotiations.encode(out);
        payments.encode(out);
        donations.encode(out);
        deliveries.encode(out);
        leads.encode(out);
        calls.encode(out);
        events.encode(out);
        follow_up.encode(out);
        last_seq.encode(out);
        fiscal_years.encode(out);
    }

    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        let settings = Codec::decode(r)?;
        let founded_on = Codec::decode(r)?;
        let founders = Codec::decode(r)?;
        let actors = Codec::decode(r)?;
        let contracts = Codec::decode(r)?;
        let charter = Codec::decode(r)?;
        let signatures = Codec::decode(r)?;
        let section = r.section()?;
        let parallel = section.len() >= PARALLEL_SECTION && crate::threads::Threads::for_engine().get() > 1;
        let read_missions = move || -> Result<_> {
            let mut section = section;
            let missions = Codec::decode(&mut section)?;
            section.finish("the missions")?;
            Ok(missions)
        };
        let read_rest = |r: &mut Reader<'_>| -> Result<_> {
            let facts = (
                Codec::decode(r)?,
                Codec::decode(r)?,
                Codec::decode(r)?,
                Codec::decode(r)?,
                Codec::decode(r)?,
                Codec::decode(r)?,
                Codec::decode(r)?,
                Codec::decode(r)?,
                Codec::decode(r)?,
                Codec::decode(r)?,
            );
            Ok(facts)
        };
        let (missions, rest) = if parallel {
            std::thread::scope(|scope| {
                let missions = scope.spawn(read_missions);
                let rest = read_rest(r);
                // Reading cannot panic; were it to, the state is refused.
                let missions = missions.join().unwrap_or_else(|_| Err(r.invalid("the missions could not be read")));
                (missions, rest)
            })
        } else {
            (read_missions(), read_rest(r))
        };
        // The missions' error first: it lies before anything read after them.
        let missions = missions?;
        let (declarations, negotiations, payments, donations, deliveries, leads, calls, events, follow_up, last_seq) =
            rest?;
        // Version 3 ends before them: its networks kept the calendar year.
        let fiscal_years = if r.version >= 4 { Codec::decode(r)? } else { Vec::new() };
        Ok(NetworkState {
            settings,
            founded_on,
            founders,
            actors,
            contracts,
            charter,
            signatures,
            missions,
            declarations,
            negotiations,
            payments,
            donations,
            deliveries,
            leads,
            calls,
            events,
            follow_up,
            last_seq,
            fiscal_years,
        })
    }
}

codec_enum!(LeadOutcome {
    0 => Taken { member, chosen_by, mission, by, recorded },
    1 => NotTaken { reason, by, recorded },
});

codec_enum!(OriginRecord {
    0 => Lead { lead },
    1 => NetworkEvent { event },
});

codec_enum!(Client {
    0 => Member { id },
    1 => Outside { name, kind },
});

codec_structs! {
    NetworkSettings { name, membership_structure }
    FiscalYearChange { from_year, start }
    Actor { id, kind, display_name, level, public_listing }
    Contract { id, member, kind, status, applied_on, pending, versions, discussion, ended_on, end_reason }
    PendingTerms { terms, proposed_on }
    ContractTerms { needs, extra_engagements, contributions, place, signatory }
    Choice { item, detail }
    ContractVersion { version, terms, proposed_on, validated_on, validated_by, includes_charter }
    DiscussionNote { by, on, note }
    CharterText { version, published_on, title, engagements, mandate, consent, exclusion }
    Text { fr, en }
    CharterArticle { article, id, fr, en }
    CharterSignature { provider, version, signed_on }
    Mission {
        id, provider, client, lead_origin, title, status, revenue, partners, shared_resources_used,
        resources_developed, client_informed, history, lead, lead_origin_basis, origin_record,
    }
    NetworkEvent { id, title, held_on, attendees, recorded_by, recorded }
    Lead { id, client, need, received_on, visibility, recorded_by, recorded, offer, answers, outcome }
    LeadOffer { mode, members, deadline, prior_work, by, recorded }
    LeadAnswer { member, interested, proposal, recorded }
    PartnerCall { id, mission, provider, need, what, recorded, answers, joined }
    CallAnswer { member, note, recorded }
    CallPartner { member, resource, recorded }
    Resource { name, licence, workstream }
    MissionRecord { step, occurred_on, reported_on, note }
    Declaration { amount, on }
    Negotiation { mission, status, offers, agreed, stalemate_on }
    Offer { party, by, amount, on }
    Agreement { amount, on }
    Payment { member, amount, on, reference }
    Donation { member, amount, on, mission }
    Delivery { member, contribution, unit, quantity, on, note }
    FollowUp {
        rules, missions, prior_work, attendance, standing, hearings, level_decisions, payments, donations,
        deliveries,
    }
    FollowUpRules { deadlines, sanctions, levels }
    Deadlines {
        solicitation_report_days, start_report_days, progress_interval_days, client_information_days,
        resource_share_days, prior_member_inform_days, attendance_grace_days, hearing_answer_days,
    }
    SanctionThresholds { lookback_days, reminder, warning, suspended, excluded }
    Threshold { breached, late }
    LevelRules { window_months, promote_months, demote_months }
    MissionFollowUp { seqs, client_informed, resources_used, resources_developed, obligations }
    ResourceUse { name, first, licence }
    DevelopedResource { name, first, shared }
    SharedResource { licence, location, recorded }
    InformObligation { mission, provider, member, arises_on, prior_work, created, discharged }
    PriorWork { member, local_actor, since, mission, recorded }
    Attendance { year, meeting, recorded }
    StandingRecord { current, decisions }
    StandingDecision { from, to, by, reason, taken_on, venue, reference, recorded, hearing }
    Hearing { grounds, notified_by, notice, answer, closed_seq }
    HearingAnswer { text, recorded }
    LevelDecision { actor, from, to, by, reason, taken_on, venue, reference, recorded }
    Issued { by, recorded }
    Recorded { on, seq }
}
