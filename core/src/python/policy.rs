//! How an assessment, its steps and a mission's facts read from Python: the
//! fields that cannot cross as they are (an explanation, a shared string, a
//! step's slots) through the core's own methods, and the facts' constructor.

use crate::ids::{ActorId, MissionId};
use crate::mission::LeadOrigin;
use crate::money::Money;
use crate::negotiation::{NegotiationStage, NegotiationState};
use crate::origin::LeadOriginBasis;
use crate::policy::{Assessment, AssessmentStatus, BehaviourModel, MissionFacts, Provenance, Step, StepCode};
use crate::python_values::{rate, MoneyArg, Str};
use crate::text::Lang;
use crate::Result;
use chrono::NaiveDate;
use pyo3::prelude::*;

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl MissionFacts {
    /// Facts of a won mission; counts, flags, the declaration, the
    /// negotiation, donations, the mission id and the lead origin's basis
    /// (`"declared"` unless given) are optional.
    #[new]
    #[pyo3(signature = (provider, revenue, won_on, lead_origin, *, partners = 0, shared_resources = 0,
        steward_workstream = false, client_informed = false, declared = None, negotiation = None,
        donations = None, mission = None, lead_origin_basis = LeadOriginBasis::Declared))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        provider: ActorId,
        revenue: Money,
        won_on: NaiveDate,
        lead_origin: LeadOrigin,
        partners: u32,
        shared_resources: u32,
        steward_workstream: bool,
        client_informed: bool,
        declared: Option<Money>,
        negotiation: Option<NegotiationState>,
        donations: Option<Money>,
        mission: Option<MissionId>,
        lead_origin_basis: LeadOriginBasis,
    ) -> MissionFacts {
        MissionFacts {
            mission,
            lead_origin_basis,
            partners,
            shared_resources,
            steward_workstream,
            client_informed,
            declared,
            negotiation: negotiation.unwrap_or_default(),
            donations: donations.unwrap_or(Money::ZERO),
            ..MissionFacts::new(provider, revenue, won_on, lead_origin)
        }
    }

    /// Facts from the JSON shape of `tests/vectors` and the Rust core.
    #[staticmethod]
    #[pyo3(name = "from_json")]
    fn py_from_json(json: Str<'_>) -> Result<MissionFacts> {
        MissionFacts::from_json(&json)
    }

    /// The facts as JSON.
    fn to_json(&self) -> String {
        // Serialising these plain types cannot fail: no map has non-string keys.
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl NegotiationState {
    /// The stage the negotiation is at (`not_opened`, `open`, `agreed`, `stalemate`).
    #[getter(stage)]
    fn stage_label(&self) -> NegotiationStage {
        self.stage()
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl Assessment {
    /// Whether the mission could be priced.
    #[getter]
    fn status(&self) -> AssessmentStatus {
        self.status
    }
    /// The money due, rounded to the cent; `None` unless priced.
    #[getter]
    fn amount(&self) -> Option<Money> {
        self.amount
    }
    /// Value recognised as given in kind for this mission.
    #[getter]
    fn in_kind_credit(&self) -> Money {
        self.in_kind_credit
    }
    /// Donations recorded for this mission, beside (never in) the amount due.
    #[getter]
    fn donations(&self) -> Money {
        self.donations
    }
    /// Where the amount comes from.
    #[getter]
    fn provenance(&self) -> Provenance {
        self.provenance
    }
    /// The guide situation the mission matched, if the policy used the guide.
    #[getter]
    fn situation(&self) -> Option<&str> {
        self.situation.as_deref()
    }
    /// The explanation's steps, in order.
    #[getter]
    fn steps(&self) -> Vec<Step> {
        self.explanation.steps().collect()
    }
    /// The explanation's stable codes, in order.
    #[getter]
    fn codes(&self) -> Vec<&'static str> {
        self.explanation.codes()
    }
    /// The explanation as numbered sentences in `lang`.
    #[pyo3(signature = (lang = Lang::En), text_signature = "($self, lang='en')")]
    fn explain(&self, lang: Lang) -> String {
        self.explanation.render(lang)
    }
    /// The assessment as the core's JSON (see the Rust `Assessment::to_json`).
    #[pyo3(name = "to_json")]
    fn py_to_json(&self) -> String {
        self.to_json()
    }
    /// An assessment from the core's JSON, read strictly.
    #[staticmethod]
    #[pyo3(name = "from_json")]
    fn py_from_json(text: Str<'_>) -> Result<Assessment> {
        Assessment::from_json(&text)
    }
    /// The assessment as HTML for notebooks: its status and amount, then its
    /// explanation's steps, code and sentence (`coopetition._display.assessment_html`).
    #[pyo3(name = "_repr_html_")]
    fn repr_html(slf: &Bound<'_, Self>) -> PyResult<String> {
        slf.py().import("coopetition._display")?.call_method1("assessment_html", (slf,))?.extract()
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl Step {
    /// What the step did: its stable code (`flat.rate`…).
    #[getter]
    fn code(&self) -> StepCode {
        self.code
    }
    /// The values it used, named, as plain text (rates as fractions, ISO dates).
    #[getter]
    fn params(&self) -> Vec<(&'static str, String)> {
        self.named_params().map(|(name, p)| (name, p.to_plain())).collect()
    }
    /// The sentence in English.
    #[getter]
    fn en(&self) -> String {
        self.sentence(Lang::En)
    }
    /// The sentence in French.
    #[getter]
    fn fr(&self) -> String {
        self.sentence(Lang::Fr)
    }
    /// The sentence in `lang`.
    #[pyo3(name = "sentence", signature = (lang = Lang::En), text_signature = "($self, lang='en')")]
    fn py_sentence(&self, lang: Lang) -> String {
        self.sentence(lang)
    }
    /// The code of the text the step applies (`report.radical`,
    /// `report.situation.3`, `charter.article.1`…); `None` when it applies
    /// none (rounding to the cent, a behaviour model, a floor or a cap).
    #[getter]
    fn source_code(&self) -> Option<&'static str> {
        self.source().map(|s| s.code.as_str())
    }
    /// The title of that text in `lang`.
    #[pyo3(signature = (lang = Lang::En), text_signature = "($self, lang='en')")]
    fn source_title(&self, lang: Lang) -> Option<&'static str> {
        self.source().map(|s| s.title(lang))
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl BehaviourModel {
    /// A behaviour model; each share omitted keeps the core's default, each
    /// given is read exactly (a float is refused) and checked.
    #[new]
    #[pyo3(signature = (declared_share_of_guide = None, negotiated_toward_flat = None))]
    fn py_new(
        declared_share_of_guide: Option<MoneyArg<'_>>,
        negotiated_toward_flat: Option<MoneyArg<'_>>,
    ) -> PyResult<BehaviourModel> {
        let mut model = BehaviourModel::default();
        if let Some(v) = declared_share_of_guide {
            model.declared_share_of_guide = rate("declared_share_of_guide", &v)?;
        }
        if let Some(v) = negotiated_toward_flat {
            model.negotiated_toward_flat = rate("negotiated_toward_flat", &v)?;
        }
        model.check()?;
        Ok(model)
    }
}
