//! Reading an event spelt as the engine writes it, in one pass.
//!
//! serde reads an internally tagged enum (an action's `"type"`) by first
//! copying the whole object aside, whatever the order of its keys: that copy
//! was the largest cost of reading a journal. The engine writes the tag first,
//! so this reader goes straight from the tag to the variant's fields. It is
//! only the fast half of [`crate::canonical::as_written_by`]: a text it cannot
//! read (the tag not first, a date spelt otherwise, any error) goes to the
//! derived reader and the strict comparison, and what it reads is accepted
//! only if written back byte for byte, so it decides nothing.

use super::command::{Action, Event};
use super::state::NetworkSettings;
use crate::actor::{Actor, InvolvementLevel};
use crate::charter::CharterText;
use crate::contract::ContractTerms;
use crate::fiscal_year::FiscalYearStart;
use crate::followup::FollowUpRules;
use crate::ids::{ActorId, CallId, ContractId, LeadId, MissionId, NetworkEventId};
use crate::lead::{LeadClosing, LeadVisibility, OfferMode};
use crate::mission::{Client, LeadOrigin, MissionStep, MissionUpdate};
use crate::money::Money;
use crate::negotiation::{Delivery, Donation, Payment};
use crate::partner_call::CallNeed;
use crate::standing::{Decision, Standing};
use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, VariantAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// An event line read in one pass, or `None` (then the derived reader decides).
pub(crate) fn event(text: &str) -> Option<Event> {
    let Tagged { seq, by, on, action } = serde_json::from_str(text).ok()?;
    Some(Event { seq, by, on, action })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Tagged {
    seq: u64,
    by: ActorId,
    #[serde(deserialize_with = "iso_date")]
    on: NaiveDate,
    #[serde(deserialize_with = "tag_first")]
    action: Action,
}

/// A date spelt `YYYY-MM-DD`, the writer's spelling for the years of four digits.
fn iso_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = <&str>::deserialize(deserializer)?;
    let b = text.as_bytes();
    let number =
        |digits: &[u8]| digits.iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')));
    let parts = match b {
        [y @ .., b'-', m1, m2, b'-', d1, d2] if y.len() == 4 => (number(y), number(&[*m1, *m2]), number(&[*d1, *d2])),
        _ => (None, None, None),
    };
    match parts {
        (Some(y), Some(m), Some(d)) => i32::try_from(y).ok().and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
        _ => None,
    }
    .ok_or_else(|| de::Error::custom("not a date as the journal writes it"))
}

fn tag_first<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Action, D::Error> {
    deserializer.deserialize_map(TagFirst::<Action>(PhantomData))
}

fn step_first<'de, D: Deserializer<'de>>(deserializer: D) -> Result<MissionStep, D::Error> {
    deserializer.deserialize_map(TagFirst::<MissionStep>(PhantomData))
}

/// An internally tagged enum, read as the variant its tag names.
trait ByTag: Sized {
    /// The key of the tag.
    const TAG: &'static str;
    fn by_tag<'de, A: MapAccess<'de>>(rest: Rest<'de, A>) -> Result<Self, A::Error>;
}

impl ByTag for Action {
    const TAG: &'static str = "type";
    fn by_tag<'de, A: MapAccess<'de>>(rest: Rest<'de, A>) -> Result<Action, A::Error> {
        ActionByTag::deserialize(rest)
    }
}

impl ByTag for MissionStep {
    const TAG: &'static str = "step";
    fn by_tag<'de, A: MapAccess<'de>>(rest: Rest<'de, A>) -> Result<MissionStep, A::Error> {
        StepByTag::deserialize(rest)
    }
}

struct TagFirst<T>(PhantomData<T>);

impl<'de, T: ByTag> Visitor<'de> for TagFirst<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with its `{}` first", T::TAG)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        if map.next_key_seed(IsKey(T::TAG))? != Some(true) {
            return Err(de::Error::custom("the tag is not first"));
        }
        let tag = map.next_value::<&'de str>()?;
        T::by_tag(Rest { tag, map })
    }
}

/// Whether a key is the one given.
struct IsKey(&'static str);

impl<'de> DeserializeSeed<'de> for IsKey {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for IsKey {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

/// The rest of an object once its tag is read, read as the variant the tag names.
struct Rest<'de, A> {
    tag: &'de str,
    map: A,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Rest<'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, A::Error> {
        Err(de::Error::custom("read as its variant"))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for Rest<'de, A> {
    type Error = A::Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), A::Error> {
        let variant = seed.deserialize(self.tag.into_deserializer())?;
        Ok((variant, self))
    }
}

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for Rest<'de, A> {
    type Error = A::Error;

    fn unit_variant(mut self) -> Result<(), A::Error> {
        // A unit variant is its tag alone.
        match self.map.next_key::<de::IgnoredAny>()? {
            None => Ok(()),
            Some(_) => Err(de::Error::custom("a field beside the tag of a unit variant")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, A::Error> {
        Err(de::Error::custom("no variant read here is a newtype"))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, A::Error> {
        Err(de::Error::custom("no variant read here is a tuple"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.map)
    }
}

/// [`Action`] read as the variant its tag names. The compiler holds it to
/// [`Action`]'s fields (serde's remote derivation builds each variant); an
/// action added to [`Action`] and not here is read by the derived reader.
#[derive(Deserialize)]
#[serde(remote = "Action", rename_all = "snake_case", deny_unknown_fields)]
#[allow(dead_code)]
enum ActionByTag {
    FoundNetwork {
        settings: NetworkSettings,
        founders: Vec<Actor>,
    },
    RegisterActor {
        actor: Actor,
    },
    SetPublicListing {
        actor: ActorId,
        public_listing: bool,
    },
    ChangeLevel {
        actor: ActorId,
        level: InvolvementLevel,
        reason: String,
    },
    ProposeContract {
        contract: ContractId,
        terms: ContractTerms,
    },
    DiscussContract {
        contract: ContractId,
        note: String,
    },
    ReviseProposal {
        contract: ContractId,
        terms: ContractTerms,
    },
    ValidateContract {
        contract: ContractId,
    },
    DeclineContract {
        contract: ContractId,
        reason: String,
    },
    ProposeAmendment {
        contract: ContractId,
        terms: ContractTerms,
    },
    Resign {
        contract: ContractId,
    },
    ExcludeMember {
        contract: ContractId,
        reason: String,
    },
    PublishCharter {
        text: CharterText,
    },
    SignCharter {
        version: u32,
    },
    ReportMission {
        mission: MissionId,
        #[serde(deserialize_with = "iso_date")]
        occurred_on: NaiveDate,
        #[serde(deserialize_with = "step_first")]
        step: MissionStep,
        #[serde(default)]
        update: MissionUpdate,
    },
    DeclareContribution {
        mission: MissionId,
        amount: Money,
    },
    OfferContribution {
        mission: MissionId,
        amount: Money,
    },
    AcceptOffer {
        mission: MissionId,
    },
    DeclareStalemate {
        mission: MissionId,
    },
    ReopenNegotiation {
        mission: MissionId,
    },
    RecordPayment {
        payment: Payment,
    },
    RecordDonation {
        donation: Donation,
    },
    RecordDelivery {
        delivery: Delivery,
    },
    ConfigureFollowUp {
        from: NaiveDate,
        rules: FollowUpRules,
    },
    ShareResource {
        mission: MissionId,
        resource: String,
        licence: String,
        location: String,
    },
    RecordPriorWork {
        member: ActorId,
        local_actor: Client,
        since: NaiveDate,
    },
    RecordMemberInformed {
        mission: MissionId,
        member: ActorId,
    },
    RecordAttendance {
        member: ActorId,
        year: i32,
        #[serde(default)]
        meeting: String,
    },
    NotifyHearing {
        member: ActorId,
        grounds: String,
    },
    AnswerHearing {
        member: ActorId,
        answer: String,
    },
    DecideStanding {
        member: ActorId,
        standing: Standing,
        decision: Decision,
    },
    DecideLevel {
        actor: ActorId,
        level: InvolvementLevel,
        decision: Decision,
    },
    RecordLead {
        lead: LeadId,
        client: Client,
        need: String,
        received_on: NaiveDate,
        visibility: LeadVisibility,
    },
    OfferLead {
        lead: LeadId,
        mode: OfferMode,
        #[serde(default)]
        members: Vec<ActorId>,
        deadline: NaiveDate,
    },
    AnswerLead {
        lead: LeadId,
        interested: bool,
        #[serde(default)]
        proposal: String,
    },
    CloseLead {
        lead: LeadId,
        outcome: LeadClosing,
    },
    CallForPartners {
        call: CallId,
        mission: MissionId,
        need: CallNeed,
        what: String,
    },
    AnswerCall {
        call: CallId,
        #[serde(default)]
        note: String,
    },
    RecordCallPartner {
        call: CallId,
        member: ActorId,
        #[serde(default)]
        resource: Option<String>,
    },
    RecordNetworkEvent {
        event: NetworkEventId,
        title: String,
        held_on: NaiveDate,
        #[serde(default)]
        attendees: Vec<Client>,
    },
    SetFiscalYear {
        start: FiscalYearStart,
    },
}

/// [`MissionStep`] read as the variant its tag names (see [`ActionByTag`]).
#[derive(Deserialize)]
#[serde(remote = "MissionStep", rename_all = "snake_case", deny_unknown_fields)]
#[allow(dead_code)]
enum StepByTag {
    Solicited {
        client: Client,
        lead_origin: LeadOrigin,
        title: String,
    },
    Proposed,
    Won {
        revenue: Money,
    },
    Started,
    Progress {
        note: String,
    },
    Completed,
    Lost {
        #[serde(default)]
        reason: String,
    },
    Cancelled {
        #[serde(default)]
        reason: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derived(line: &str) -> Event {
        serde_json::from_str(line).unwrap()
    }

    /// Every action the command vectors hold, written as the engine writes
    /// it, reads in one pass: the tag-first mirrors cover every variant of
    /// [`Action`] (and of [`MissionStep`]), so a variant added to one and
    /// not to its mirror fails here rather than only reading more slowly.
    #[test]
    fn every_kind_of_action_reads_in_one_pass() {
        let mut seen = std::collections::BTreeSet::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/commands");
        for file in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            let mut commands = Vec::new();
            collect_commands(&json, &mut commands);
            for command in commands {
                let Ok(command) = serde_json::from_value::<crate::network::Command>(command) else { continue };
                let event = Event { seq: 1, by: command.by, on: command.on, action: command.action };
                let line = crate::chain::plain_line(&event);
                assert_eq!(super::event(&line).as_ref(), Some(&event), "{line}");
                let value: serde_json::Value = serde_json::from_str(&line).unwrap();
                seen.insert(value["action"]["type"].as_str().unwrap().to_owned());
                if let Some(step) = value["action"]["step"]["step"].as_str() {
                    seen.insert(format!("step {step}"));
                }
            }
        }
        // serde names every variant in the error for an unknown one.
        fn variants(message: &str, prefix: &str) -> Vec<String> {
            let list = message.split("expected one of ").nth(1).unwrap_or_default();
            list.split('`').skip(1).step_by(2).map(|v| format!("{prefix}{v}")).collect()
        }
        let action = serde_json::from_str::<Action>(r#"{"type":"no_such_action"}"#).unwrap_err().to_string();
        let step = serde_json::from_str::<MissionStep>(r#"{"step":"no_such_step"}"#).unwrap_err().to_string();
        let mut all = variants(&action, "");
        all.extend(variants(&step, "step "));
        assert!(all.len() > 30, "{all:?}");
        let missing: Vec<&String> = all.iter().filter(|v| !seen.contains(*v)).collect();
        assert!(missing.is_empty(), "no command vector exercises {missing:?}");
    }

    fn collect_commands(json: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
        match json {
            serde_json::Value::Object(map) if map.contains_key("action") && map.contains_key("by") => {
                out.push(json.clone());
            }
            serde_json::Value::Object(map) => map.values().for_each(|v| collect_commands(v, out)),
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect_commands(v, out)),
            _ => {}
        }
    }

    #[test]
    fn the_writers_lines_read_in_one_pass_as_the_derived_reader_reads_them() {
        let sample = include_str!("../../../tests/fixtures/sample_journal_v1.jsonl");
        for line in sample.lines().skip(1) {
            assert_eq!(event(line).as_ref(), Some(&derived(line)), "{line}");
        }
    }

    #[test]
    fn a_tag_not_first_or_a_date_spelt_otherwise_is_left_to_the_derived_reader() {
        let line = r#"{"seq":3,"by":"paul","on":"2021-03-04","action":{"type":"report_mission","mission":"m1","occurred_on":"2021-03-02","step":{"step":"started"}}}"#;
        let read = event(line).unwrap();
        assert_eq!(read, derived(line));
        assert_eq!((read.on, read.seq), (NaiveDate::from_ymd_opt(2021, 3, 4).unwrap(), 3));
        let tag_last = line
            .replace(r#"{"type":"report_mission","mission":"m1","#, r#"{"mission":"m1","#)
            .replace(r#""step":{"step":"started"}}"#, r#""step":{"step":"started"},"type":"report_mission"}"#);
        assert_eq!(derived(&tag_last), read);
        assert_eq!(event(&tag_last), None);
        for other in ["2021-3-04", "+2021-03-04", "2021-03-4", "2021-02-30", "20210304"] {
            assert_eq!(event(&line.replace("2021-03-02", other)), None, "{other}");
        }
        assert_eq!(event(&line.replace("report_mission", "report_missions")), None);
        assert_eq!(event(&line.replace(r#"{"step":"started"}"#, r#"{"step":"started","note":""}"#)), None);
        let step_last = line.replace(r#"{"step":"started"}"#, r#"{"note":"Begun","step":"progress"}"#);
        assert_eq!(event(&step_last), None);
        let progress = line.replace(r#"{"step":"started"}"#, r#"{"step":"progress","note":"Begun"}"#);
        assert_eq!(event(&progress), Some(derived(&progress)));
        assert_eq!(event(&line.replace(r#""mission":"m1""#, r#""mission":"m1","type":"report_mission""#)), None);
    }
}
