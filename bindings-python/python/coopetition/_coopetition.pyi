# Type stubs of the native module coopetition._coopetition, generated from the
# Rust declarations by `make python-stubs` (bindings-python/src/bin/stub_gen.rs): do not edit.
# ruff: noqa: E501, F401, F403, F405
r"""
The native module, re-exported by the `coopetition` package. Money is `decimal.Decimal` (floats are refused), dates are `datetime.date`.
"""

import builtins
import collections.abc
from coopetition._types import Money
from coopetition._types import PolicyProtocol
import datetime
import decimal
import os
import pathlib
import typing
import typing_extensions
__all__ = [
    "Actor",
    "Agreement",
    "Assessment",
    "BehaviourModel",
    "BenefitsStatement",
    "CallAnswer",
    "CallPartner",
    "CatalogueItem",
    "Charter",
    "CharterSignature",
    "Choice",
    "Client",
    "Comparison",
    "ComplianceReport",
    "Contract",
    "ContractTerms",
    "ContractVersion",
    "Declaration",
    "Delivery",
    "Diagnostics",
    "DirectoryEntry",
    "DiscussionNote",
    "Donation",
    "EngagementCheck",
    "Event",
    "EventAttended",
    "FiscalYear",
    "FoundThroughCall",
    "InKindTotal",
    "Lead",
    "LeadAnswer",
    "LeadClosing",
    "LeadOffer",
    "LeadOffered",
    "LeadOutcome",
    "LeadWon",
    "LedgerLine",
    "LevelSuggestion",
    "MemberCompliance",
    "MemberLedger",
    "Mission",
    "MissionFacts",
    "MissionRecord",
    "Negotiation",
    "NegotiationState",
    "Network",
    "NetworkEvent",
    "NetworkLedger",
    "Offer",
    "OriginRecord",
    "Parameters",
    "PartnerCall",
    "Payment",
    "PendingTerms",
    "Policy",
    "ProviderReferrals",
    "Recorded",
    "ReferralReport",
    "Resource",
    "ResourceUsed",
    "ResultStream",
    "Solution",
    "StandingProposal",
    "StatusCounts",
    "Step",
    "Summary",
    "Sweep",
    "Text",
    "ValuedDelivery",
    "catalogue",
    "compare",
    "default_threads",
    "error_classes",
    "error_codes",
    "evaluate",
    "evaluate_batch",
    "format_amount",
    "format_count",
    "format_date",
    "format_number",
    "format_percent",
    "shipped_charter_versions",
    "solve",
    "sweep",
]

@typing.final
class Actor:
    r"""
    An actor known to the network: a member, an applicant or a founder.
    """
    @property
    def id(self) -> builtins.str:
        r"""
        Stable identifier.
        """
    @property
    def kind(self) -> typing.Literal["third_place", "local_authority", "citizen", "association", "company", "provider"]:
        r"""
        Kind of actor.
        """
    @property
    def display_name(self) -> builtins.str:
        r"""
        Name shown to people.
        """
    @property
    def level(self) -> typing.Literal["supporter", "contributor", "steward"]:
        r"""
        Involvement level; changed only by a steward's decision.
        """
    @property
    def public_listing(self) -> builtins.bool:
        r"""
        Whether the actor consents to being listed publicly
        ("to public actors and partners").
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def __new__(cls, id: builtins.str, kind: typing.Literal["third_place", "local_authority", "citizen", "association", "company", "provider"], display_name: builtins.str, level: typing.Literal["supporter", "contributor", "steward"] = ..., public_listing: builtins.bool = ...) -> Actor: ...

@typing.final
class Agreement:
    r"""
    The agreement that closes a negotiation: the amount accepted, and when.
    
    Written as the pair `[amount, date]`, the form journals and snapshots
    have always held.
    """
    @property
    def amount(self) -> decimal.Decimal:
        r"""
        The amount agreed: the last offer, accepted.
        """
    @property
    def on(self) -> datetime.date:
        r"""
        The date of the acceptance.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Assessment:
    r"""
    What a policy says a mission owes, and why.
    
    Its JSON form is described in [`assessment_json`].
    """
    @property
    def status(self) -> typing.Literal["priced", "pending", "undeclared", "stalemate"]:
        r"""
        Whether the mission could be priced.
        """
    @property
    def amount(self) -> typing.Optional[decimal.Decimal]:
        r"""
        The money due, rounded to the cent; `None` unless priced.
        """
    @property
    def in_kind_credit(self) -> decimal.Decimal:
        r"""
        Value recognised as given in kind for this mission.
        """
    @property
    def donations(self) -> decimal.Decimal:
        r"""
        Donations recorded for this mission, beside (never in) the amount due.
        """
    @property
    def provenance(self) -> typing.Literal["computed", "declared", "negotiated", "modelled"]:
        r"""
        Where the amount comes from.
        """
    @property
    def situation(self) -> typing.Optional[builtins.str]:
        r"""
        The guide situation the mission matched, if the policy used the guide.
        """
    @property
    def steps(self) -> builtins.list[Step]:
        r"""
        The explanation's steps, in order.
        """
    @property
    def codes(self) -> builtins.list[builtins.str]:
        r"""
        The explanation's stable codes, in order.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def explain(self, lang: typing.Literal["fr", "en"] = ...) -> builtins.str:
        r"""
        The explanation as numbered sentences in `lang`.
        """
    def to_json(self) -> builtins.str:
        r"""
        The assessment as the core's JSON (see the Rust `Assessment::to_json`).
        """
    @staticmethod
    def from_json(text: builtins.str) -> Assessment:
        r"""
        An assessment from the core's JSON, read strictly.
        """
    def _repr_html_(self) -> builtins.str:
        r"""
        The assessment as HTML for notebooks: its status and amount, then its
        explanation's steps, code and sentence (`coopetition._display.assessment_html`).
        """

@typing.final
class BehaviourModel:
    r"""
    An explicit model of behaviour that stands in for missing declarations and
    agreements over historical data. Rows it prices are marked
    [`Provenance::Modelled`].
    
    - self-assessed: the provider declares `declared_share_of_guide` of the
      guide's suggestion (default 0.8: declarations tend to sit below the guide);
    - negotiated: the parties settle `negotiated_toward_flat` of the way from
      the guide's suggestion to the flat amount (default 0.5: halfway).
    
    Both defaults are assumptions to tune, not findings.
    """
    @property
    def declared_share_of_guide(self) -> decimal.Decimal:
        r"""
        Share of the guide's suggestion a provider declares.
        """
    @property
    def negotiated_toward_flat(self) -> decimal.Decimal:
        r"""
        How far from the guide's suggestion toward the flat amount a negotiation settles.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def __new__(cls, declared_share_of_guide: typing.Optional[Money] = None, negotiated_toward_flat: typing.Optional[Money] = None) -> BehaviourModel:
        r"""
        A behaviour model; each share omitted keeps the core's default, each
        given is read exactly (a float is refused) and checked.
        """

@typing.final
class BenefitsStatement:
    r"""
    What the network brought a member in a year, as data and as a document.
    """
    @property
    def network(self) -> builtins.str:
        r"""
        The network's name.
        """
    @property
    def member(self) -> builtins.str:
        r"""
        The member.
        """
    @property
    def member_name(self) -> builtins.str:
        r"""
        Its display name.
        """
    @property
    def year(self) -> builtins.int:
        r"""
        The calendar year.
        """
    @property
    def leads_offered(self) -> builtins.list[LeadOffered]:
        r"""
        Leads offered to it in the year, in id order.
        """
    @property
    def leads_won(self) -> builtins.list[LeadWon]:
        r"""
        Leads closed in the year as taken by it, in id order.
        """
    @property
    def partners_found(self) -> builtins.list[FoundThroughCall]:
        r"""
        Partners who joined its missions through its calls for a skill in the
        year, in the order they joined.
        """
    @property
    def resources_through_calls(self) -> builtins.list[FoundThroughCall]:
        r"""
        Members who brought a shared resource through its calls for a
        resource in the year, in the order they joined.
        """
    @property
    def shared_resources_used(self) -> builtins.list[ResourceUsed]:
        r"""
        Shared resources its missions used, first mentioned in the year, by
        mission then in the order first mentioned.
        """
    @property
    def events_attended(self) -> builtins.list[EventAttended]:
        r"""
        Network events it attended, held in the year, by date then id.
        """
    @property
    def missions_from_events(self) -> builtins.list[builtins.str]:
        r"""
        Its missions whose client asked in the year, whose recorded origin is
        a network event it attended with the client, in id order.
        """
    @property
    def document(self) -> builtins.str:
        r"""
        The statement as a Markdown document, in the language asked for.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class CallAnswer:
    r"""
    A member's answer to a call.
    """
    @property
    def member(self) -> builtins.str:
        r"""
        The member.
        """
    @property
    def note(self) -> builtins.str:
        r"""
        What it offers (may be empty).
        """
    @property
    def recorded(self) -> Recorded:
        r"""
        The event that recorded it.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class CallPartner:
    r"""
    A member who joined through a call.
    """
    @property
    def member(self) -> builtins.str:
        r"""
        The member.
        """
    @property
    def resource(self) -> typing.Optional[builtins.str]:
        r"""
        The shared resource it brought, for a call for a resource.
        """
    @property
    def recorded(self) -> Recorded:
        r"""
        The event that recorded it.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class CatalogueItem:
    r"""
    One entry of a kind's catalogue, whatever its section: a need, an
    engagement or a contribution option, in one shape for listing.
    """
    @property
    def section(self) -> typing.Literal["needs", "network_engagements", "member_engagements", "contributions"]:
        r"""
        Its section: `needs`, `network_engagements`, `member_engagements` or `contributions`.
        """
    @property
    def id(self) -> builtins.str:
        r"""
        Stable id, unique within its section.
        """
    @property
    def fr(self) -> builtins.str:
        r"""
        French wording.
        """
    @property
    def en(self) -> builtins.str:
        r"""
        English wording.
        """
    @property
    def free_text(self) -> builtins.bool:
        r"""
        Whether choosing it requires a free-text detail (needs and contributions).
        """
    @property
    def required(self) -> builtins.bool:
        r"""
        Whether every contract of the kind includes it (engagements).
        """
    @property
    def form(self) -> typing.Optional[typing.Literal["revenue_share", "fee", "funding", "workstream", "recurring_event", "project_holders", "hosting", "volunteering", "resources", "own_proposal"]]:
        r"""
        The form of the contribution (contributions only).
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def text(self, lang: typing.Literal["fr", "en"] = ...) -> builtins.str:
        r"""
        The wording in `lang`.
        """

@typing.final
class Charter:
    r"""
    One version of the charter's text.
    """
    @property
    def version(self) -> builtins.int:
        r"""
        Version number, from 1, consecutive.
        """
    @property
    def published_on(self) -> datetime.date:
        r"""
        Date from which this version is in force.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def title(self, lang: typing.Literal["fr", "en"] = ...) -> builtins.str:
        r"""
        The title in `lang`.
        """
    def engagements(self, lang: typing.Literal["fr", "en"] = ...) -> builtins.list[tuple[builtins.str, builtins.str]]:
        r"""
        The five engagements in `lang`, as `(id, wording)`.
        """
    def clauses(self, lang: typing.Literal["fr", "en"] = ...) -> tuple[builtins.str, builtins.str, builtins.str]:
        r"""
        The mandate, consent and exclusion clauses in `lang`.
        """
    def to_json(self) -> builtins.str:
        r"""
        The version as JSON (the shape `Charter.from_json` reads).
        """
    @staticmethod
    def from_json(json: builtins.str) -> Charter:
        r"""
        A version from JSON, read strictly; it is checked when published.
        """

@typing.final
class CharterSignature:
    r"""
    A provider's signature of the charter.
    """
    @property
    def provider(self) -> builtins.str:
        r"""
        The signatory provider.
        """
    @property
    def version(self) -> builtins.int:
        r"""
        The charter version signed.
        """
    @property
    def signed_on(self) -> datetime.date:
        r"""
        The date of signature.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Choice:
    r"""
    A catalogue item chosen by the member, with free text where the item asks for it.
    """
    @property
    def item(self) -> builtins.str:
        r"""
        Id of the catalogue item.
        """
    @property
    def detail(self) -> typing.Optional[builtins.str]:
        r"""
        Free-text detail: required for "other" and "own proposal", optional otherwise.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def __new__(cls, item: builtins.str, detail: typing.Optional[builtins.str] = None) -> Choice: ...

@typing_extensions.disjoint_base
class Client:
    r"""
    Who the mission is for.
    """
    @typing.final
    class Member(Client):
        r"""
        A member of the network.
        """
        __match_args__ = ("id",)
        @property
        def id(self) -> builtins.str:
            r"""
            The member.
            """
        def __new__(cls, id: builtins.str) -> Client.Member: ...
    
    @typing.final
    class Outside(Client):
        r"""
        An actor outside the network.
        """
        __match_args__ = ("name", "kind",)
        @property
        def name(self) -> builtins.str:
            r"""
            Its name.
            """
        @property
        def kind(self) -> typing.Literal["third_place", "local_authority", "citizen", "association", "company", "provider"]:
            r"""
            Its kind.
            """
        def __new__(cls, name: builtins.str, kind: typing.Literal["third_place", "local_authority", "citizen", "association", "company", "provider"]) -> Client.Outside: ...
    
    ...

@typing.final
class Comparison:
    r"""
    The result of `compare`: the summary (per policy), breakdowns and per-mission results.
    """
    @property
    def summary(self) -> typing.Any:
        r"""
        One row per policy (pyarrow Table): `policy`, `missions`, `priced`,
        `pending`, `undeclared`, `stalemate` (counts); `total_due`,
        `unpriced_revenue`, `in_kind_credit`, `donations` (decimal128, exact);
        the effective rates' `rate_mean`, `rate_p10`, `rate_median`,
        `rate_p90` and `gini` (float64, null without a priced mission with a
        revenue); the provenance mix `computed`, `declared`, `negotiated`,
        `modelled` (counts).
        """
    @property
    def missions(self) -> typing.Any:
        r"""
        Per-mission results (pyarrow Table): `row` (the input's row number),
        `mission` (when the input has one), `provider`, `revenue` (decimal128),
        then for each policy `<policy>_amount` (decimal128, null unless
        priced), `<policy>_status` (`priced`, `pending`, `undeclared`,
        `stalemate`), `<policy>_provenance` (`computed`, `declared`,
        `negotiated`, `modelled`), `<policy>_situation` (the guide situation,
        null when none), `<policy>_in_kind` (decimal128) and `<policy>_codes`
        (the explanation's step codes, space-separated).
        A comparison over a stream does not keep them (`BatchError`
        `batch.results.streamed`): pass `to=` a Parquet path to write them.
        """
    @property
    def by_lead_origin(self) -> typing.Any:
        r"""
        Amount due by lead origin, per policy (pyarrow Table): `policy`, `key`
        (the lead origin), `missions`, `priced` (counts), `revenue`, `due`
        (decimal128, exact). The other breakdowns have the same columns.
        """
    @property
    def by_lead_origin_basis(self) -> typing.Any:
        r"""
        Amount due by lead-origin basis (`recorded` by the network, `declared`
        by the provider), per policy (pyarrow Table).
        """
    @property
    def by_situation(self) -> typing.Any:
        r"""
        Amount due by guide situation, per policy (pyarrow Table).
        """
    @property
    def by_provider(self) -> typing.Any:
        r"""
        Amount due by provider, per policy (pyarrow Table).
        """
    @property
    def policies(self) -> builtins.list[builtins.str]:
        r"""
        The policies' names, in order.
        """
    def state(self) -> Summary:
        r"""
        The comparison's mergeable `Summary`: merged with the summaries of
        other missions compared the same way, it gives their comparison.
        """
    def totals(self) -> builtins.list[tuple[builtins.str, decimal.Decimal]]:
        r"""
        Total due per policy, exact.
        """
    def to_pandas(self) -> typing.Any:
        r"""
        The summary as a pandas DataFrame.
        """
    def to_polars(self) -> typing.Any:
        r"""
        The summary as a polars DataFrame.
        """
    def to_json(self) -> builtins.str:
        r"""
        The whole comparison as JSON (money as decimal strings).
        """
    def table(self, lang: builtins.str = "en") -> builtins.str:
        r"""
        The policies side by side as a text table in `lang`.
        """
    def __repr__(self) -> builtins.str: ...
    def diagnostics(self) -> Diagnostics:
        r"""
        Fairness diagnostics of each policy (see `Diagnostics`).
        """
    def _repr_html_(self) -> builtins.str:
        r"""
        The comparison as HTML for notebooks: its summary table, one row per
        policy (`coopetition._display.summary_html`).
        """
    def plot(self, by: typing.Literal["lead_origin", "lead_origin_basis", "situation", "provider"] = "lead_origin", y: typing.Literal["rate", "due"] = "rate", ax: typing.Optional[typing.Any] = None, lang: typing.Literal["fr", "en"] = "fr") -> typing.Any:
        r"""
        Grouped bars of each policy by lead origin (or `by` another breakdown:
        `lead_origin_basis`, `situation`, `provider`): the share of the
        group's revenue due (`y="rate"`) or the amount due (`y="due"`), drawn
        with matplotlib (`pip install 'coopetition[plots]'`) on `ax` or a new
        figure's Axes, tick labels in `lang`; returns the Axes.
        """

@typing.final
class ComplianceReport:
    r"""
    The compliance of the whole network, or of one member, on a date.
    """
    @property
    def as_of(self) -> datetime.date:
        r"""
        The date of the report.
        """
    @property
    def members(self) -> builtins.list[MemberCompliance]:
        r"""
        One entry per bound member, in id order.
        """
    @property
    def counts(self) -> StatusCounts:
        r"""
        Counts over every member.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Contract:
    r"""
    A membership contract and all its versions.
    """
    @property
    def id(self) -> builtins.str:
        r"""
        Stable id.
        """
    @property
    def member(self) -> builtins.str:
        r"""
        The member (or applicant).
        """
    @property
    def kind(self) -> typing.Literal["third_place", "local_authority", "citizen", "association", "company", "provider"]:
        r"""
        The member's kind, which selects the catalogue.
        """
    @property
    def status(self) -> typing.Literal["proposed", "in_discussion", "active", "declined", "resigned", "excluded"]:
        r"""
        Current status.
        """
    @property
    def applied_on(self) -> datetime.date:
        r"""
        When the application was made.
        """
    @property
    def pending(self) -> typing.Optional[PendingTerms]:
        r"""
        Terms awaiting validation, if any.
        """
    @property
    def versions(self) -> builtins.list[ContractVersion]:
        r"""
        Validated versions, oldest first.
        """
    @property
    def discussion(self) -> builtins.list[DiscussionNote]:
        r"""
        Notes of the discussions.
        """
    @property
    def ended_on(self) -> typing.Optional[datetime.date]:
        r"""
        When the contract ended, if it did.
        """
    @property
    def end_reason(self) -> typing.Optional[builtins.str]:
        r"""
        Why it ended or was declined, if it did.
        """
    @property
    def current(self) -> typing.Optional[ContractVersion]:
        r"""
        The version in force (the last validated), if any.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def version(self, number: builtins.int) -> ContractVersion:
        r"""
        A given version (`contract.version.unknown` if it has none of that number).
        """

@typing.final
class ContractTerms:
    r"""
    What a member proposes: sections 2 to 5 of Annex 1.
    """
    @property
    def needs(self) -> builtins.list[Choice]:
        r"""
        Needs chosen from the kind's catalogue.
        """
    @property
    def extra_engagements(self) -> builtins.list[builtins.str]:
        r"""
        Optional member engagements chosen beyond the required ones.
        """
    @property
    def contributions(self) -> builtins.list[Choice]:
        r"""
        Contribution options chosen (at least one).
        """
    @property
    def place(self) -> builtins.str:
        r"""
        Place of signature ("Lille").
        """
    @property
    def signatory(self) -> builtins.str:
        r"""
        Name of the person who signs for the member.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def __new__(cls, needs: builtins.list[Choice | builtins.str], contributions: builtins.list[Choice | builtins.str], place: builtins.str, signatory: builtins.str, extra_engagements: typing.Sequence[builtins.str] = ...) -> ContractTerms: ...

@typing.final
class ContractVersion:
    r"""
    A validated version of a contract.
    """
    @property
    def version(self) -> builtins.int:
        r"""
        Version number, from 1.
        """
    @property
    def terms(self) -> ContractTerms:
        r"""
        The terms of this version.
        """
    @property
    def proposed_on(self) -> datetime.date:
        r"""
        When the member proposed these terms (the date of signature).
        """
    @property
    def validated_on(self) -> datetime.date:
        r"""
        When a steward validated them.
        """
    @property
    def validated_by(self) -> builtins.str:
        r"""
        The steward who validated them.
        """
    @property
    def includes_charter(self) -> typing.Optional[builtins.int]:
        r"""
        Under the all-in-one structure, the charter version this contract includes.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Declaration:
    r"""
    A provider's self-assessed contribution for a won mission.
    """
    @property
    def amount(self) -> decimal.Decimal:
        r"""
        The declared amount, between 0 and the revenue.
        """
    @property
    def on(self) -> datetime.date:
        r"""
        When it was declared.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Delivery:
    r"""
    A delivery of an in-kind contribution chosen in the member's contract.
    """
    @property
    def member(self) -> builtins.str:
        r"""
        The member.
        """
    @property
    def contribution(self) -> builtins.str:
        r"""
        The contribution option of the contract (`workstream`, `recurring_event`…).
        """
    @property
    def unit(self) -> typing.Literal["hours", "events", "project_holders"]:
        r"""
        What is counted.
        """
    @property
    def quantity(self) -> decimal.Decimal:
        r"""
        How many (positive; hours may be fractional).
        """
    @property
    def on(self) -> datetime.date:
        r"""
        When it was delivered.
        """
    @property
    def note(self) -> builtins.str:
        r"""
        What was done.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Diagnostics:
    r"""
    Fairness diagnostics of each policy of a comparison: the effective rate
    (due over revenue) by lead origin, by situation and by provider size
    (providers ranked by revenue in ten bands of about equal count), the
    concentration curve of contributions against revenue (providers from
    the lowest effective rate to the highest) and its index, and each
    provider's gap to the guide (when the comparison holds `guide`).
    """
    @property
    def policies(self) -> builtins.list[builtins.str]:
        r"""
        The policies, in the comparison's order.
        """
    @property
    def by_lead_origin(self) -> typing.Any:
        r"""
        `policy`, `key` (lead origin), `missions`, `priced`, `revenue`, `due`
        (exact), `rate` (null without revenue).
        """
    @property
    def by_situation(self) -> typing.Any:
        r"""
        The same columns by guide situation (`key`).
        """
    @property
    def by_size(self) -> typing.Any:
        r"""
        `policy`, `band` (1, the smallest providers, to 10), `providers`,
        `revenue_min`, `revenue_max`, `revenue`, `due` (exact), `rate`.
        """
    @property
    def lorenz(self) -> typing.Any:
        r"""
        The concentration curves: `policy`, `revenue_share`, `due_share`,
        from (0, 0) to (1, 1) (no row for a policy under which nothing is due).
        """
    @property
    def concentration(self) -> typing.Any:
        r"""
        `policy`, `concentration`: the index of each curve, 0 when every
        provider pays the same share of their revenue.
        """
    @property
    def gaps(self) -> typing.Any:
        r"""
        `policy`, `provider`, `revenue`, `due`, `guide_due`, `gap` (`due −
        guide_due`, exact): who pays more than the guide suggests, the
        largest gap first; no row without a `guide` policy in the comparison.
        """
    def plot_lorenz(self, ax: typing.Optional[typing.Any] = None, lang: typing.Literal["fr", "en"] = "fr") -> typing.Any:
        r"""
        The concentration curves side by side, with the line of equal
        shares, drawn with matplotlib (`pip install 'coopetition[plots]'`)
        on `ax` or a new figure's Axes, labels in `lang`; returns the Axes.
        """
    def _repr_html_(self) -> builtins.str:
        r"""
        The diagnostics as HTML for notebooks: each policy's concentration
        index, rate by size band and the provider most above the guide
        (`coopetition._display.diagnostics_html`).
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class DirectoryEntry:
    r"""
    One member in the public directory.
    """
    @property
    def id(self) -> builtins.str:
        r"""
        The member's id.
        """
    @property
    def display_name(self) -> builtins.str:
        r"""
        Its name.
        """
    @property
    def kind(self) -> typing.Literal["third_place", "local_authority", "citizen", "association", "company", "provider"]:
        r"""
        Its kind.
        """
    @property
    def level(self) -> typing.Literal["supporter", "contributor", "steward"]:
        r"""
        Its involvement level.
        """
    @property
    def charter(self) -> typing.Optional[typing.Literal["signed", "outdated", "unsigned"]]:
        r"""
        For a provider, where it stands with the charter; `None` for other kinds.
        """
    @property
    def member_since(self) -> typing.Optional[datetime.date]:
        r"""
        Member since (the first validation of its contract, or the founding).
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class DiscussionNote:
    r"""
    A note left during the discussion of a proposal.
    """
    @property
    def by(self) -> builtins.str:
        r"""
        Who wrote it.
        """
    @property
    def on(self) -> datetime.date:
        r"""
        When.
        """
    @property
    def note(self) -> builtins.str:
        r"""
        What was said.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Donation:
    r"""
    A voluntary donation, never counted as money due.
    """
    @property
    def member(self) -> builtins.str:
        r"""
        The donor.
        """
    @property
    def amount(self) -> decimal.Decimal:
        r"""
        The amount (positive).
        """
    @property
    def on(self) -> datetime.date:
        r"""
        When it was received.
        """
    @property
    def mission(self) -> typing.Optional[builtins.str]:
        r"""
        The mission it thanks the network for, if any.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class EngagementCheck:
    r"""
    One engagement of one member, judged on the report's date.
    """
    @property
    def article(self) -> builtins.int:
        r"""
        The charter article, 1 to 5.
        """
    @property
    def rule(self) -> typing.Literal["solicitation_reported", "start_reported", "progress_reported", "client_informed", "resource_open", "resource_shared", "prior_member_informed", "quality_meeting"]:
        r"""
        The rule.
        """
    @property
    def status(self) -> typing.Literal["met", "pending", "late", "breached"]:
        r"""
        Where it stands.
        """
    @property
    def mission(self) -> typing.Optional[builtins.str]:
        r"""
        The mission it is about, if any.
        """
    @property
    def resource(self) -> typing.Optional[builtins.str]:
        r"""
        The resource it is about (art. 3).
        """
    @property
    def member_to_inform(self) -> typing.Optional[builtins.str]:
        r"""
        The member to inform (art. 4).
        """
    @property
    def year(self) -> typing.Optional[builtins.int]:
        r"""
        The calendar year (art. 5).
        """
    @property
    def arose_on(self) -> datetime.date:
        r"""
        When the engagement arose.
        """
    @property
    def due_on(self) -> typing.Optional[datetime.date]:
        r"""
        When it is (or was) due; `None` while it cannot be known (a resource
        developed in a mission not ended yet).
        """
    @property
    def done_on(self) -> typing.Optional[datetime.date]:
        r"""
        When it was done, if it was.
        """
    @property
    def evidence(self) -> builtins.list[builtins.int]:
        r"""
        Sequence numbers of the journal events that prove the status, in journal order.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Event:
    r"""
    An accepted command, as recorded in the journal.
    """
    @property
    def seq(self) -> builtins.int:
        r"""
        Position in the journal, from 1.
        """
    @property
    def by(self) -> builtins.str:
        r"""
        The issuer.
        """
    @property
    def on(self) -> datetime.date:
        r"""
        The date of the command.
        """
    @property
    def action(self) -> builtins.dict[builtins.str, typing.Any]:
        r"""
        What was done.
        """
    @property
    def label(self) -> builtins.str:
        r"""
        The short label of the action (`found_network`, `propose_contract`…).
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def to_json(self) -> builtins.str:
        r"""
        The event as JSON: its journal line without the chain's hash.
        """
    @staticmethod
    def from_json(json: builtins.str) -> Event:
        r"""
        An event from one journal line, read as strictly as a journal.
        """

@typing.final
class EventAttended:
    r"""
    A network event the member attended.
    """
    @property
    def event(self) -> builtins.str:
        r"""
        The event.
        """
    @property
    def title(self) -> builtins.str:
        r"""
        What it was.
        """
    @property
    def held_on(self) -> datetime.date:
        r"""
        The day it was held.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class FiscalYear:
    r"""
    One fiscal year and the days it covers.
    """
    @property
    def year(self) -> builtins.int:
        r"""
        Its name: the calendar year it starts in.
        """
    @property
    def first_day(self) -> datetime.date:
        r"""
        Its first day.
        """
    @property
    def last_day(self) -> datetime.date:
        r"""
        Its last day.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class FoundThroughCall:
    r"""
    A member who joined one of the member's missions through its call for partners.
    """
    @property
    def call(self) -> builtins.str:
        r"""
        The call.
        """
    @property
    def mission(self) -> builtins.str:
        r"""
        The mission.
        """
    @property
    def what(self) -> builtins.str:
        r"""
        What the call asked for.
        """
    @property
    def partner(self) -> builtins.str:
        r"""
        The member who joined.
        """
    @property
    def resource(self) -> typing.Optional[builtins.str]:
        r"""
        The shared resource it brought, for a call for a resource.
        """
    @property
    def joined_on(self) -> datetime.date:
        r"""
        The day it joined.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class InKindTotal:
    r"""
    The deliveries of one contribution in one unit over the year.
    """
    @property
    def contribution(self) -> builtins.str:
        r"""
        The contribution option (`workstream`, `recurring_event`…).
        """
    @property
    def unit(self) -> typing.Literal["hours", "events", "project_holders"]:
        r"""
        What is counted.
        """
    @property
    def quantity(self) -> decimal.Decimal:
        r"""
        The quantity delivered.
        """
    @property
    def value(self) -> decimal.Decimal:
        r"""
        The value of those deliveries.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Lead:
    r"""
    A request the network received, and what became of it.
    """
    @property
    def id(self) -> builtins.str:
        r"""
        Stable id.
        """
    @property
    def client(self) -> Client:
        r"""
        The client: a member or an outside actor.
        """
    @property
    def need(self) -> builtins.str:
        r"""
        What the client needs.
        """
    @property
    def received_on(self) -> datetime.date:
        r"""
        When the network received the request.
        """
    @property
    def visibility(self) -> typing.Literal["offered", "members"]:
        r"""
        Who may see its details besides the stewards.
        """
    @property
    def recorded_by(self) -> builtins.str:
        r"""
        The steward who recorded it.
        """
    @property
    def recorded(self) -> Recorded:
        r"""
        The event that recorded it.
        """
    @property
    def offer(self) -> typing.Optional[LeadOffer]:
        r"""
        How it was offered, once it was.
        """
    @property
    def answers(self) -> builtins.list[LeadAnswer]:
        r"""
        The answers, in the order they came.
        """
    @property
    def outcome(self) -> typing.Optional[LeadOutcome]:
        r"""
        How it ended, once closed.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class LeadAnswer:
    r"""
    A member's answer to a lead.
    """
    @property
    def member(self) -> builtins.str:
        r"""
        The member.
        """
    @property
    def interested(self) -> builtins.bool:
        r"""
        Whether it wants the lead.
        """
    @property
    def proposal(self) -> builtins.str:
        r"""
        Its proposal, or why not (may be empty).
        """
    @property
    def recorded(self) -> Recorded:
        r"""
        The event that recorded it.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing_extensions.disjoint_base
class LeadClosing:
    r"""
    How a steward closes a lead (the command's part of [`LeadOutcome`]).
    """
    @typing.final
    class Taken(LeadClosing):
        r"""
        A member took it: its mission is created at the proposal step.
        """
        __match_args__ = ("member", "chosen_by", "mission", "title",)
        @property
        def member(self) -> builtins.str:
            r"""
            The member chosen, who answered with interest.
            """
        @property
        def chosen_by(self) -> typing.Literal["client", "network"]:
            r"""
            Who chose it.
            """
        @property
        def mission(self) -> builtins.str:
            r"""
            The id of the mission to create.
            """
        @property
        def title(self) -> builtins.str:
            r"""
            The mission's title.
            """
        def __new__(cls, member: builtins.str, chosen_by: typing.Literal["client", "network"], mission: builtins.str, title: builtins.str) -> LeadClosing.Taken: ...
    
    @typing.final
    class NotTaken(LeadClosing):
        r"""
        Nobody took it.
        """
        __match_args__ = ("reason",)
        @property
        def reason(self) -> builtins.str:
            r"""
            Why.
            """
        def __new__(cls, reason: builtins.str) -> LeadClosing.NotTaken: ...
    
    ...

@typing.final
class LeadOffer:
    r"""
    How a lead was offered.
    """
    @property
    def mode(self) -> typing.Literal["open_call", "direct_referral"]:
        r"""
        An open call or a direct referral.
        """
    @property
    def members(self) -> builtins.list[builtins.str]:
        r"""
        The members it was offered to, in id order: the ones chosen, or for
        an open call every provider who could receive it that day.
        """
    @property
    def deadline(self) -> datetime.date:
        r"""
        The last day to answer.
        """
    @property
    def prior_work(self) -> builtins.list[builtins.str]:
        r"""
        Members with prior work with the client (charter article 4), told of
        the lead, in id order.
        """
    @property
    def by(self) -> builtins.str:
        r"""
        The steward who offered it.
        """
    @property
    def recorded(self) -> Recorded:
        r"""
        The event that offered it.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class LeadOffered:
    r"""
    A lead offered to the member.
    """
    @property
    def lead(self) -> builtins.str:
        r"""
        The lead.
        """
    @property
    def need(self) -> builtins.str:
        r"""
        What the client needs.
        """
    @property
    def offered_on(self) -> datetime.date:
        r"""
        The day it was offered.
        """
    @property
    def mode(self) -> typing.Literal["open_call", "direct_referral"]:
        r"""
        An open call or a direct referral.
        """
    @property
    def result(self) -> typing.Literal["won", "lost", "declined", "not_answered", "open"]:
        r"""
        What became of it for the member, as it stands now.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing_extensions.disjoint_base
class LeadOutcome:
    r"""
    How a lead ended.
    """
    @typing.final
    class Taken(LeadOutcome):
        r"""
        A member took it; its mission was created from the lead.
        """
        __match_args__ = ("member", "chosen_by", "mission", "by", "recorded",)
        @property
        def member(self) -> builtins.str:
            r"""
            The member.
            """
        @property
        def chosen_by(self) -> typing.Literal["client", "network"]:
            r"""
            Who chose it.
            """
        @property
        def mission(self) -> builtins.str:
            r"""
            The mission created.
            """
        @property
        def by(self) -> builtins.str:
            r"""
            The steward who closed the lead.
            """
        @property
        def recorded(self) -> Recorded:
            r"""
            The event that closed it.
            """
        def __new__(cls, member: builtins.str, chosen_by: typing.Literal["client", "network"], mission: builtins.str, by: builtins.str, recorded: Recorded) -> LeadOutcome.Taken: ...
    
    @typing.final
    class NotTaken(LeadOutcome):
        r"""
        Nobody took it.
        """
        __match_args__ = ("reason", "by", "recorded",)
        @property
        def reason(self) -> builtins.str:
            r"""
            Why.
            """
        @property
        def by(self) -> builtins.str:
            r"""
            The steward who closed the lead.
            """
        @property
        def recorded(self) -> Recorded:
            r"""
            The event that closed it.
            """
        def __new__(cls, reason: builtins.str, by: builtins.str, recorded: Recorded) -> LeadOutcome.NotTaken: ...
    
    ...

@typing.final
class LeadWon:
    r"""
    A lead the member won.
    """
    @property
    def lead(self) -> builtins.str:
        r"""
        The lead.
        """
    @property
    def mission(self) -> builtins.str:
        r"""
        The mission created from it.
        """
    @property
    def chosen_by(self) -> typing.Literal["client", "network"]:
        r"""
        Who chose the member.
        """
    @property
    def won_on(self) -> datetime.date:
        r"""
        The day the lead was closed for the member.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class LedgerLine:
    r"""
    One mission won in the year, as the policy assessed it.
    """
    @property
    def mission(self) -> builtins.str:
        r"""
        The mission.
        """
    @property
    def title(self) -> builtins.str:
        r"""
        Its title.
        """
    @property
    def won_on(self) -> datetime.date:
        r"""
        The day it was won: the year it counts in.
        """
    @property
    def revenue(self) -> decimal.Decimal:
        r"""
        Its revenue.
        """
    @property
    def status(self) -> typing.Literal["priced", "pending", "undeclared", "stalemate"]:
        r"""
        Whether the policy could price it.
        """
    @property
    def amount(self) -> typing.Optional[decimal.Decimal]:
        r"""
        The money due, when priced; `None` otherwise (never zero by default).
        """
    @property
    def in_kind_credit(self) -> decimal.Decimal:
        r"""
        The value the policy recognised as given in kind for this mission.
        """
    @property
    def provenance(self) -> typing.Literal["computed", "declared", "negotiated", "modelled"]:
        r"""
        Where the amount comes from.
        """
    @property
    def situation(self) -> typing.Optional[builtins.str]:
        r"""
        The guide situation the policy used, if any.
        """
    @property
    def situation_title(self) -> typing.Optional[Text]:
        r"""
        The title of that situation, from the guide in force on the day it was won.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class LevelSuggestion:
    r"""
    The level that recorded activity suggests. Shown, never applied.
    """
    @property
    def actor(self) -> builtins.str:
        r"""
        The actor.
        """
    @property
    def current(self) -> typing.Literal["supporter", "contributor", "steward"]:
        r"""
        Its level now.
        """
    @property
    def suggested(self) -> typing.Optional[typing.Literal["supporter", "contributor", "steward"]]:
        r"""
        The level suggested, when it differs from the current one.
        """
    @property
    def active_months(self) -> builtins.int:
        r"""
        Months of the window with recorded activity.
        """
    @property
    def window_months(self) -> builtins.int:
        r"""
        Length of the window in months.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class MemberCompliance:
    r"""
    The engagements of one member.
    """
    @property
    def member(self) -> builtins.str:
        r"""
        The member (a provider who signed the charter).
        """
    @property
    def bound_from(self) -> datetime.date:
        r"""
        Bound by the charter from its first signature.
        """
    @property
    def bound_until(self) -> typing.Optional[datetime.date]:
        r"""
        Until its membership ended, if it did.
        """
    @property
    def engagements(self) -> builtins.list[EngagementCheck]:
        r"""
        Every engagement, missions in id order then years.
        """
    @property
    def counts(self) -> StatusCounts:
        r"""
        Counts per status.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class MemberLedger:
    r"""
    One member's ledger for one fiscal year.
    """
    @property
    def member(self) -> builtins.str:
        r"""
        The member.
        """
    @property
    def year(self) -> builtins.int:
        r"""
        The fiscal year, named after the calendar year it starts in.
        """
    @property
    def first_day(self) -> datetime.date:
        r"""
        The fiscal year's first day.
        """
    @property
    def last_day(self) -> datetime.date:
        r"""
        Its last day, on which the in-kind valuation of the offset is read.
        """
    @property
    def policy(self) -> builtins.str:
        r"""
        The name of the policy that priced the missions.
        """
    @property
    def missions(self) -> builtins.list[LedgerLine]:
        r"""
        The missions won that year, priced or not, by date won then id.
        """
    @property
    def due(self) -> decimal.Decimal:
        r"""
        The sum of the priced amounts.
        """
    @property
    def unpriced(self) -> builtins.list[builtins.str]:
        r"""
        The missions the policy could not price, by date won then id.
        """
    @property
    def payments(self) -> builtins.list[Payment]:
        r"""
        Payments received that year, in journal order.
        """
    @property
    def paid(self) -> decimal.Decimal:
        r"""
        Their sum.
        """
    @property
    def deliveries(self) -> builtins.list[ValuedDelivery]:
        r"""
        In-kind deliveries of that year, valued, in journal order.
        """
    @property
    def in_kind(self) -> builtins.list[InKindTotal]:
        r"""
        The deliveries per contribution and unit, by contribution then unit.
        """
    @property
    def in_kind_value(self) -> decimal.Decimal:
        r"""
        The value of every delivery of the year.
        """
    @property
    def policy_in_kind_credit(self) -> decimal.Decimal:
        r"""
        The in-kind credit the policy recognised in its assessments (shown,
        already reflected in the money due, never offset).
        """
    @property
    def max_offset_share(self) -> typing.Optional[decimal.Decimal]:
        r"""
        The share of the money due that in-kind value may offset, in force on
        the fiscal year's last day; `None` when no offset had to be computed and no valuation
        is in force that day.
        """
    @property
    def offset_cap(self) -> decimal.Decimal:
        r"""
        The most that may be offset: share × due, rounded to the cent.
        """
    @property
    def offset(self) -> decimal.Decimal:
        r"""
        The in-kind value applied against the money due: min(value, cap).
        """
    @property
    def donations(self) -> builtins.list[Donation]:
        r"""
        Donations received that year, in journal order.
        """
    @property
    def donated(self) -> decimal.Decimal:
        r"""
        Their sum, recorded beside the money due.
        """
    @property
    def balance(self) -> decimal.Decimal:
        r"""
        due − offset − paid.
        """
    @property
    def settlement(self) -> typing.Literal["owed", "settled", "overpaid"]:
        r"""
        Whether the balance is owed, settled or overpaid.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def _repr_html_(self) -> builtins.str:
        r"""
        The annual statement as HTML for notebooks: the missions won in the
        year as the policy priced them, then due, paid, offset and balance
        (`coopetition._display.ledger_html`).
        """

@typing.final
class Mission:
    r"""
    A mission and everything reported about it.
    """
    @property
    def id(self) -> builtins.str:
        r"""
        Stable id.
        """
    @property
    def provider(self) -> builtins.str:
        r"""
        The provider who reports it.
        """
    @property
    def client(self) -> Client:
        r"""
        The client.
        """
    @property
    def lead_origin(self) -> typing.Literal["network_event", "network_action", "network_referral", "own_network", "other"]:
        r"""
        How the lead came.
        """
    @property
    def title(self) -> builtins.str:
        r"""
        A short title.
        """
    @property
    def status(self) -> typing.Literal["solicited", "proposed", "won", "started", "completed", "lost", "cancelled"]:
        r"""
        Current status.
        """
    @property
    def revenue(self) -> typing.Optional[decimal.Decimal]:
        r"""
        Revenue, known once won.
        """
    @property
    def partners(self) -> builtins.list[builtins.str]:
        r"""
        Network members mobilised as partners.
        """
    @property
    def shared_resources_used(self) -> builtins.list[Resource]:
        r"""
        Shared resources used.
        """
    @property
    def resources_developed(self) -> builtins.list[Resource]:
        r"""
        Resources developed or improved.
        """
    @property
    def client_informed(self) -> builtins.bool:
        r"""
        Whether the client was told how to take part in the network.
        """
    @property
    def history(self) -> builtins.list[MissionRecord]:
        r"""
        Every reported step, oldest first.
        """
    @property
    def lead(self) -> typing.Optional[builtins.str]:
        r"""
        The lead the mission was created from, when the network referred it.
        """
    @property
    def lead_origin_basis(self) -> typing.Literal["recorded", "declared"]:
        r"""
        Whether the lead origin follows from the network's records or from
        the provider's declaration.
        """
    @property
    def origin_record(self) -> typing.Optional[OriginRecord]:
        r"""
        The record the lead origin follows from, when it is recorded.
        """
    @property
    def won_on(self) -> typing.Optional[datetime.date]:
        r"""
        When the mission was won, if it was.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class MissionFacts:
    r"""
    The facts of a won mission that policies evaluate.
    
    Built from a reported [`Mission`] with [`MissionFacts::from_network`], or
    directly from historical data (a table row) by an analyst.
    """
    @property
    def mission(self) -> typing.Optional[builtins.str]:
        r"""
        The mission, if it has an id.
        """
    @property
    def provider(self) -> builtins.str:
        r"""
        The provider.
        """
    @property
    def revenue(self) -> decimal.Decimal:
        r"""
        Revenue of the mission (not negative).
        """
    @property
    def won_on(self) -> datetime.date:
        r"""
        The day it was won: selects the parameters in force.
        """
    @property
    def lead_origin(self) -> typing.Literal["network_event", "network_action", "network_referral", "own_network", "other"]:
        r"""
        How the lead came.
        """
    @property
    def lead_origin_basis(self) -> typing.Literal["recorded", "declared"]:
        r"""
        Whether the lead origin follows from the network's records or from
        the provider's declaration (declared unless given).
        """
    @property
    def origin_record(self) -> typing.Optional[OriginRecord]:
        r"""
        The record the lead origin follows from, for a mission of a network.
        """
    @property
    def partners(self) -> builtins.int:
        r"""
        Network partners mobilised.
        """
    @property
    def shared_resources(self) -> builtins.int:
        r"""
        Shared resources used.
        """
    @property
    def steward_workstream(self) -> builtins.bool:
        r"""
        The provider is a steward developing resources for a network workstream.
        """
    @property
    def client_informed(self) -> builtins.bool:
        r"""
        The client was connected to the network.
        """
    @property
    def declared(self) -> typing.Optional[decimal.Decimal]:
        r"""
        The provider's self-assessed contribution, if declared.
        """
    @property
    def negotiation(self) -> NegotiationState:
        r"""
        The negotiation of the contribution.
        """
    @property
    def donations(self) -> decimal.Decimal:
        r"""
        Donations recorded for this mission (never part of the amount due).
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def __new__(cls, provider: builtins.str, revenue: decimal.Decimal | builtins.int | builtins.str, won_on: datetime.date, lead_origin: typing.Literal["network_event", "network_action", "network_referral", "own_network", "other"], *, partners: builtins.int = ..., shared_resources: builtins.int = ..., steward_workstream: builtins.bool = ..., client_informed: builtins.bool = ..., declared: typing.Optional[decimal.Decimal  |  builtins.int  |  builtins.str] = None, negotiation: typing.Optional[NegotiationState] = None, donations: typing.Optional[decimal.Decimal  |  builtins.int  |  builtins.str] = None, mission: typing.Optional[builtins.str] = None, lead_origin_basis: typing.Literal["recorded", "declared"] = ...) -> MissionFacts:
        r"""
        Facts of a won mission; counts, flags, the declaration, the
        negotiation, donations, the mission id and the lead origin's basis
        (`"declared"` unless given) are optional.
        """
    @staticmethod
    def from_json(json: builtins.str) -> MissionFacts:
        r"""
        Facts from the JSON shape of `tests/vectors` and the Rust core.
        """
    def to_json(self) -> builtins.str:
        r"""
        The facts as JSON.
        """

@typing.final
class MissionRecord:
    r"""
    One reported step in a mission's history.
    """
    @property
    def step(self) -> builtins.str:
        r"""
        The step label (`solicited`, `proposed`, `won`, `started`, `progress`…).
        """
    @property
    def occurred_on(self) -> datetime.date:
        r"""
        When it happened.
        """
    @property
    def reported_on(self) -> datetime.date:
        r"""
        When the provider reported it.
        """
    @property
    def note(self) -> builtins.str:
        r"""
        Note or reason, if any.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Negotiation:
    r"""
    The negotiation of one won mission's contribution.
    """
    @property
    def mission(self) -> builtins.str:
        r"""
        The mission.
        """
    @property
    def status(self) -> typing.Literal["open", "agreed", "stalemate"]:
        r"""
        Where it stands.
        """
    @property
    def offers(self) -> builtins.list[Offer]:
        r"""
        Every offer, oldest first.
        """
    @property
    def agreed(self) -> typing.Optional[Agreement]:
        r"""
        The agreed amount and date, once agreed.
        """
    @property
    def stalemate_on(self) -> typing.Optional[datetime.date]:
        r"""
        The date of the last stalemate, if any.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing_extensions.disjoint_base
class NegotiationState:
    r"""
    Where the negotiation of a mission's contribution stands.
    """
    @property
    def stage(self) -> typing.Literal["not_opened", "open", "agreed", "stalemate"]:
        r"""
        The stage the negotiation is at (`not_opened`, `open`, `agreed`, `stalemate`).
        """
    @typing.final
    class NotOpened(NegotiationState):
        r"""
        No negotiation was opened. (Braces, not a unit variant: Python's
        classes of a data-carrying enumeration have no unit variant.)
        """
        __match_args__ = ()
        def __new__(cls) -> NegotiationState.NotOpened: ...
    
    @typing.final
    class Open(NegotiationState):
        r"""
        Offers are being exchanged.
        """
        __match_args__ = ("offers", "last_offer",)
        @property
        def offers(self) -> builtins.int:
            r"""
            Number of offers so far.
            """
        @property
        def last_offer(self) -> typing.Optional[decimal.Decimal]:
            r"""
            The last offer, if any.
            """
        def __new__(cls, offers: builtins.int, last_offer: typing.Optional[decimal.Decimal  |  builtins.int  |  builtins.str]) -> NegotiationState.Open: ...
    
    @typing.final
    class Agreed(NegotiationState):
        r"""
        The parties agreed.
        """
        __match_args__ = ("amount", "on", "offers",)
        @property
        def amount(self) -> decimal.Decimal:
            r"""
            The agreed contribution.
            """
        @property
        def on(self) -> datetime.date:
            r"""
            When.
            """
        @property
        def offers(self) -> builtins.int:
            r"""
            Number of offers made.
            """
        def __new__(cls, amount: decimal.Decimal | builtins.int | builtins.str, on: datetime.date, offers: builtins.int) -> NegotiationState.Agreed: ...
    
    @typing.final
    class Stalemate(NegotiationState):
        r"""
        The negotiation ended without agreement.
        """
        __match_args__ = ("on", "offers",)
        @property
        def on(self) -> datetime.date:
            r"""
            When.
            """
        @property
        def offers(self) -> builtins.int:
            r"""
            Number of offers made.
            """
        def __new__(cls, on: datetime.date, offers: builtins.int) -> NegotiationState.Stalemate: ...
    

@typing.final
class Network:
    r"""
    A network: its state and its journal. Every method that changes it takes
    the issuer `by` and the date `on`, and is checked first: a rejected
    command raises and changes nothing.
    
    Safe to share between threads. No lock is ever held while Python code
    runs (a policy's callback, an import, building an exception): queries work
    on a copy of the network taken under a short lock (copy-on-write, so the
    copy is cheap), commands hold the lock only inside the core, and every wait
    for the lock happens with the GIL released.
    
    `Network()` is held in memory; `Network.open(path)` is backed by a store
    file, where every accepted command is written before it is applied.
    """
    @property
    def name(self) -> typing.Optional[builtins.str]:
        r"""
        The network's name, once founded.
        """
    @property
    def structure(self) -> typing.Optional[builtins.str]:
        r"""
        The membership structure (`two_tier` or `all_in_one`), once founded.
        """
    @property
    def founded_on(self) -> typing.Optional[datetime.date]:
        r"""
        The founding date, once founded.
        """
    @property
    def last_seq(self) -> builtins.int:
        r"""
        Sequence number of the last applied event (0 before founding).
        """
    @property
    def is_closed(self) -> builtins.bool:
        r"""
        Whether the store's file was closed (never, for a network held in memory).
        """
    @property
    def path(self) -> typing.Optional[pathlib.Path]:
        r"""
        The store's file; `None` for a network held in memory.
        """
    def call_for_partners(self, by: builtins.str, on: datetime.date, call: builtins.str, mission: builtins.str, need: builtins.str, what: builtins.str) -> Event:
        r"""
        The provider of `mission` asks the network for a `"skill"` or a
        `"resource"` (`need`): `what` says which ("space design").
        """
    def answer_call(self, by: builtins.str, on: datetime.date, call: builtins.str, *, note: builtins.str = ...) -> Event:
        r"""
        A member answers a call for partners, with what it offers.
        """
    def record_call_partner(self, by: builtins.str, on: datetime.date, call: builtins.str, member: builtins.str, *, resource: typing.Optional[builtins.str] = None) -> Event:
        r"""
        The provider records a member who joined through its call: a partner
        (a call for a skill), or the shared `resource` it brings (a call for a
        resource).
        """
    def call(self, id: builtins.str) -> PartnerCall:
        r"""
        The call for partners with this id.
        """
    def calls(self, mission: typing.Optional[builtins.str] = None) -> builtins.list[PartnerCall]:
        r"""
        Every call for partners, or those of one mission, in id order.
        """
    def _repr_html_(self) -> builtins.str:
        r"""
        The network as HTML for notebooks: its name, founding and journal
        length, its members and its missions (`coopetition._display.network_html`).
        """
    def journal_jsonl(self, key: typing.Optional[bytes] = None) -> builtins.str:
        r"""
        The journal as JSON Lines (header with schema version, one event a
        line, each carrying its link of the hash chain); with `key` (bytes),
        the chain is HMAC-SHA256 and only a holder of the key can write one
        that verifies.
        """
    @staticmethod
    def replay(journal: builtins.str, key: typing.Optional[bytes] = None) -> Network:
        r"""
        Rebuilds a network by replaying a journal; its hash chain is verified
        (with `key`, bytes, if it was written with one) and every event is
        checked again.
        """
    @staticmethod
    def replay_prefix(journal: builtins.str, key: typing.Optional[bytes] = None) -> tuple[Network, typing.Optional[builtins.dict[builtins.str, builtins.int]]]:
        r"""
        Rebuilds a network from the valid prefix of a journal whose last line
        may have been cut off (a crash during a write), its chain verified
        (with `key` if it was written with one). Returns the network and what
        was dropped: `None`, or `{"line": …, "bytes": …, "events": …}`. Only a
        cut-off last line is dropped; a corrupt line followed by good ones
        raises `journal.line.corrupt`.
        """
    @staticmethod
    def resume_prefix(snapshot: builtins.str, journal: builtins.str, key: typing.Optional[bytes] = None) -> tuple[Network, typing.Optional[builtins.dict[builtins.str, builtins.int]]]:
        r"""
        As `resume`, with the valid prefix of a journal whose last line may
        have been cut off; returns the network and what was dropped (see `replay_prefix`).
        """
    def snapshot_json(self, key: typing.Optional[bytes] = None) -> builtins.str:
        r"""
        The state as a JSON snapshot: the position and link of its last event
        in the journal's hash chain, and a digest of the state bound to them;
        with `key` (bytes), the digest is HMAC-SHA256 and only a holder of the
        key can write one that verifies.
        """
    @staticmethod
    def from_snapshot_json(json: builtins.str, key: typing.Optional[bytes] = None) -> Network:
        r"""
        A network from a snapshot (its journal starts empty): its digest is
        verified (with `key` if it was written with one), then its facts
        against one another.
        """
    @staticmethod
    def resume(snapshot: builtins.str, journal: builtins.str, key: typing.Optional[bytes] = None) -> Network:
        r"""
        A network from a snapshot plus a journal that continues its chain
        (the journal written since, or the whole journal), verified with `key`
        if they were written with one.
        """
    def record_lead(self, by: builtins.str, on: datetime.date, lead: builtins.str, client: builtins.str | builtins.tuple[builtins.str, builtins.str], need: builtins.str, *, received_on: typing.Optional[datetime.date] = None, visibility: typing.Optional[builtins.str] = None) -> Event:
        r"""
        A steward records a request the network received: its client (a
        member's id, or `(name, kind)` for an outside actor), the need, when
        it was received (the day of the record by default), and who may see
        its details besides the stewards: `"offered"` (the members it is
        offered to, the default) or `"members"` (every member).
        """
    def offer_lead(self, by: builtins.str, on: datetime.date, lead: builtins.str, mode: builtins.str, deadline: datetime.date, *, members: typing.Sequence[builtins.str] = ...) -> Event:
        r"""
        A steward offers a lead, to answer by `deadline`: `mode` is
        `"open_call"` (every provider who may receive it; no `members`) or
        `"direct_referral"` (to `members`).
        """
    def answer_lead(self, by: builtins.str, on: datetime.date, lead: builtins.str, interested: builtins.bool, *, proposal: builtins.str = ...) -> Event:
        r"""
        A member the lead was offered to answers it: interested or not, with
        its proposal (or why not).
        """
    def close_lead(self, by: builtins.str, on: datetime.date, lead: builtins.str, outcome: LeadClosing) -> Event:
        r"""
        A steward closes a lead: `LeadClosing.Taken(member, chosen_by,
        mission, title)` creates the chosen member's mission from it (at the
        proposal step); `LeadClosing.NotTaken(reason)` says why nobody took it.
        """
    def lead(self, id: builtins.str) -> Lead:
        r"""
        The lead with this id.
        """
    def leads_for(self, viewer: builtins.str) -> builtins.list[Lead]:
        r"""
        The leads whose details `viewer` may see, in id order: all for an
        acting steward, those offered to a member or open to every member.
        """
    def referral_report(self, year: builtins.int) -> ReferralReport:
        r"""
        The referral report of a calendar year: per provider, the leads
        offered, answered, won and lost, its share of the leads won, and the
        Herfindahl–Hirschman index of leads won (see the README).
        """
    def benefits_statement(self, member: builtins.str, year: builtins.int, lang: typing.Literal["fr", "en"] = ...) -> BenefitsStatement:
        r"""
        What the network brought `member` in `year`: the leads offered to it
        and won, the partners and resources its calls found, the shared
        resources its missions used, the network events it attended; with
        `document`, the statement as Markdown in `lang` (`"en"` or `"fr"`).
        """
    def lead_recipients(self, id: builtins.str) -> builtins.list[builtins.str]:
        r"""
        The providers an open call of this lead would go to now, in id order.
        """
    def set_fiscal_year(self, by: builtins.str, on: datetime.date, month: builtins.int, day: builtins.int) -> Event:
        r"""
        A steward sets the fiscal year's first day (`month`, `day`: a day every
        year has, so not 29 February), in force from the next fiscal year: the
        fiscal year in force on `on` ends the day before the new first day in
        the following calendar year (`date.order.invalid` if that day is past).
        """
    def fiscal_year(self, year: builtins.int) -> FiscalYear:
        r"""
        Fiscal year `year` (named after the calendar year it starts in): the
        days its ledger and annual statement cover.
        """
    def fiscal_year_containing(self, on: datetime.date) -> FiscalYear:
        r"""
        The fiscal year `on` falls in.
        """
    def ledger(self, member: builtins.str, year: builtins.int, policy: Policy | PolicyProtocol | None = None, parameters: typing.Optional[Parameters] = None) -> MemberLedger:
        r"""
        A member's ledger for a fiscal year (see `fiscal_year`), under a policy (flat by default):
        due, paid, in kind, offset, donations, balance.
        """
    def assess(self, mission: builtins.str, policy: Policy | PolicyProtocol | None = None, parameters: typing.Optional[Parameters] = None) -> Assessment:
        r"""
        What a reported mission owes under a policy (flat by default), with its explanation.
        """
    def network_ledger(self, year: builtins.int, policy: Policy | PolicyProtocol | None = None, parameters: typing.Optional[Parameters] = None) -> NetworkLedger:
        r"""
        The whole network's ledger for a fiscal year (see `fiscal_year`).
        """
    def annual_statement(self, member: builtins.str, year: builtins.int, lang: builtins.str = "fr", policy: Policy | PolicyProtocol | None = None, parameters: typing.Optional[Parameters] = None) -> builtins.str:
        r"""
        A member's annual statement, as Markdown in `lang` (`"fr"` or `"en"`).
        """
    def ledger_entries(self, start: datetime.date, end: datetime.date, policy: Policy | PolicyProtocol | None = None, parameters: typing.Optional[Parameters] = None) -> typing.Any:
        r"""
        The accounting export: one row per fact dated from `start` (included)
        to `end` (excluded), as a pyarrow table: `on`, `member`, `kind`
        (`due` for each mission won, priced by `policy`, flat by default;
        `paid`; `in_kind`, each delivery valued on its date; `donation`),
        `mission`, `amount` (exact; null only for a mission not priced yet,
        never a zero), `status`, `detail`. The yearly offset of in-kind value
        is in the annual statement, not a row.
        """
    def export_ledger(self, path: str | os.PathLike[str], start: datetime.date, end: datetime.date, policy: Policy | PolicyProtocol | None = None, parameters: typing.Optional[Parameters] = None) -> None:
        r"""
        Writes the accounting export (see `ledger_entries`) to `path`: CSV
        for a name ending in `.csv`, Parquet for `.parquet` (with pyarrow).
        """
    def __new__(cls) -> Network:
        r"""
        An empty network, to be founded with `found`.
        """
    def found(self, by: builtins.str, on: datetime.date, name: builtins.str, founders: typing.Sequence[Actor], structure: typing.Optional[builtins.str] = None) -> Event:
        r"""
        Founds the network (first command): its name, structure and founding stewards.
        """
    def register_actor(self, by: builtins.str, on: datetime.date, actor: Actor) -> Event:
        r"""
        Registers an actor (by itself as a supporter, or by a steward).
        """
    def set_public_listing(self, by: builtins.str, on: datetime.date, actor: builtins.str, public_listing: builtins.bool) -> Event:
        r"""
        The actor gives or withdraws its consent to public listing.
        """
    def change_level(self, by: builtins.str, on: datetime.date, actor: builtins.str, level: builtins.str, reason: builtins.str) -> Event:
        r"""
        A steward changes an actor's involvement level.
        """
    def propose_contract(self, by: builtins.str, on: datetime.date, contract: builtins.str, terms: ContractTerms) -> Event:
        r"""
        The applicant proposes a membership contract.
        """
    def discuss_contract(self, by: builtins.str, on: datetime.date, contract: builtins.str, note: builtins.str) -> Event:
        r"""
        A steward or the member adds a note to the discussion of pending terms.
        """
    def revise_proposal(self, by: builtins.str, on: datetime.date, contract: builtins.str, terms: ContractTerms) -> Event:
        r"""
        The member replaces its pending terms.
        """
    def validate_contract(self, by: builtins.str, on: datetime.date, contract: builtins.str) -> Event:
        r"""
        A steward validates the pending terms (first version or amendment).
        """
    def decline_contract(self, by: builtins.str, on: datetime.date, contract: builtins.str, reason: builtins.str) -> Event:
        r"""
        A steward declines the pending terms.
        """
    def propose_amendment(self, by: builtins.str, on: datetime.date, contract: builtins.str, terms: ContractTerms) -> Event:
        r"""
        The member proposes an amendment to its active contract.
        """
    def resign(self, by: builtins.str, on: datetime.date, contract: builtins.str) -> Event:
        r"""
        The member resigns.
        """
    def exclude_member(self, by: builtins.str, on: datetime.date, contract: builtins.str, reason: builtins.str) -> Event:
        r"""
        A steward excludes a member.
        """
    def publish_charter(self, by: builtins.str, on: datetime.date, text: Charter) -> Event:
        r"""
        A steward publishes a new version of the charter (a `Charter`, e.g. from `Charter.from_json`).
        """
    def sign_charter(self, by: builtins.str, on: datetime.date, version: builtins.int) -> Event:
        r"""
        A provider signs the charter version in force.
        """
    def report_solicitation(self, by: builtins.str, on: datetime.date, mission: builtins.str, client: builtins.str | builtins.tuple[builtins.str, builtins.str], lead_origin: builtins.str, title: builtins.str, *, occurred_on: typing.Optional[datetime.date] = None) -> Event:
        r"""
        A provider reports a solicitation: opens a mission.
        """
    def report_proposal(self, by: builtins.str, on: datetime.date, mission: builtins.str, *, occurred_on: typing.Optional[datetime.date] = None) -> Event:
        r"""
        A provider reports a proposal.
        """
    def report_won(self, by: builtins.str, on: datetime.date, mission: builtins.str, revenue: Money, *, occurred_on: typing.Optional[datetime.date] = None) -> Event:
        r"""
        A provider reports a mission won, with its revenue.
        """
    def report_start(self, by: builtins.str, on: datetime.date, mission: builtins.str, *, occurred_on: typing.Optional[datetime.date] = None, partners: typing.Optional[typing.Sequence[builtins.str]] = None, shared_resources_used: builtins.list[Resource | builtins.str] | None = None, resources_developed: builtins.list[Resource | builtins.str] | None = None, client_informed: builtins.bool = False) -> Event:
        r"""
        A provider reports the start, with partners and shared resources.
        """
    def report_progress(self, by: builtins.str, on: datetime.date, mission: builtins.str, note: builtins.str, *, occurred_on: typing.Optional[datetime.date] = None, partners: typing.Optional[typing.Sequence[builtins.str]] = None, shared_resources_used: builtins.list[Resource | builtins.str] | None = None, resources_developed: builtins.list[Resource | builtins.str] | None = None, client_informed: builtins.bool = False) -> Event:
        r"""
        A provider reports progress.
        """
    def report_completion(self, by: builtins.str, on: datetime.date, mission: builtins.str, *, occurred_on: typing.Optional[datetime.date] = None, partners: typing.Optional[typing.Sequence[builtins.str]] = None, shared_resources_used: builtins.list[Resource | builtins.str] | None = None, resources_developed: builtins.list[Resource | builtins.str] | None = None, client_informed: builtins.bool = False) -> Event:
        r"""
        A provider reports completion.
        """
    def report_lost(self, by: builtins.str, on: datetime.date, mission: builtins.str, reason: builtins.str = ..., *, occurred_on: typing.Optional[datetime.date] = None) -> Event:
        r"""
        A provider reports a mission lost (before it is won).
        """
    def report_cancelled(self, by: builtins.str, on: datetime.date, mission: builtins.str, reason: builtins.str = ..., *, occurred_on: typing.Optional[datetime.date] = None) -> Event:
        r"""
        A provider reports a mission cancelled.
        """
    def declare_contribution(self, by: builtins.str, on: datetime.date, mission: builtins.str, amount: Money) -> Event:
        r"""
        The provider declares its self-assessed contribution for a won mission.
        """
    def offer_contribution(self, by: builtins.str, on: datetime.date, mission: builtins.str, amount: Money) -> Event:
        r"""
        The provider, or a steward for the network, makes an offer in a negotiation.
        """
    def accept_offer(self, by: builtins.str, on: datetime.date, mission: builtins.str) -> Event:
        r"""
        The other party accepts the last offer.
        """
    def declare_stalemate(self, by: builtins.str, on: datetime.date, mission: builtins.str) -> Event:
        r"""
        Either party records a stalemate.
        """
    def reopen_negotiation(self, by: builtins.str, on: datetime.date, mission: builtins.str) -> Event:
        r"""
        Either party reopens a negotiation after a stalemate.
        """
    def record_payment(self, by: builtins.str, on: datetime.date, member: builtins.str, amount: Money, *, paid_on: typing.Optional[datetime.date] = None, reference: builtins.str = ...) -> Event:
        r"""
        A steward records a payment received from a member.
        """
    def record_donation(self, by: builtins.str, on: datetime.date, member: builtins.str, amount: Money, *, given_on: typing.Optional[datetime.date] = None, mission: typing.Optional[builtins.str] = None) -> Event:
        r"""
        A steward records a donation (never counted as money due).
        """
    def record_delivery(self, by: builtins.str, on: datetime.date, member: builtins.str, contribution: builtins.str, unit: builtins.str, quantity: Money, *, delivered_on: typing.Optional[datetime.date] = None, note: builtins.str = ...) -> Event:
        r"""
        The member, or a steward, records an in-kind delivery of a chosen contribution.
        """
    def execute_json(self, command: builtins.str) -> Event:
        r"""
        Executes a command given as JSON (`{"by": …, "on": …, "action": {"type": …}}`),
        the same shape as a journal line without `seq`.
        """
    def execute(self, command: builtins.dict[builtins.str, typing.Any] | builtins.str) -> Event:
        r"""
        Executes a command given as a dict of that same shape (or its JSON text).
        """
    def check(self, command: builtins.dict[builtins.str, typing.Any] | builtins.str) -> None:
        r"""
        Checks a command (a dict or its JSON text) without applying it: what
        an app calls before queueing it. Raises the reason it would be refused.
        """
    def journal(self) -> builtins.list[Event]:
        r"""
        The events recorded since this network was created or loaded.
        """
    def actor(self, id: builtins.str) -> Actor:
        r"""
        An actor.
        """
    def actors(self) -> builtins.list[Actor]:
        r"""
        Every actor, by id order.
        """
    def contract(self, id: builtins.str) -> Contract:
        r"""
        A contract.
        """
    def contract_version(self, id: builtins.str, version: builtins.int) -> ContractVersion:
        r"""
        A given version of a contract.
        """
    def contracts(self) -> builtins.list[Contract]:
        r"""
        Every contract, by id order.
        """
    def live_contract(self, member: builtins.str) -> typing.Optional[Contract]:
        r"""
        The member's live contract, if any.
        """
    def is_member(self, actor: builtins.str) -> builtins.bool:
        r"""
        Whether the actor is a member (founder or active contract).
        """
    def mission(self, id: builtins.str) -> Mission:
        r"""
        A mission.
        """
    def missions(self, provider: typing.Optional[builtins.str] = None) -> builtins.list[Mission]:
        r"""
        Every mission, or those of one provider.
        """
    def declaration(self, mission: builtins.str) -> typing.Optional[Declaration]:
        r"""
        The self-assessed declaration of a mission, if any.
        """
    def negotiation(self, mission: builtins.str) -> typing.Optional[Negotiation]:
        r"""
        The negotiation of a mission's contribution, if one was opened.
        """
    def payments(self) -> builtins.list[Payment]:
        r"""
        Payments received, in journal order.
        """
    def donations(self) -> builtins.list[Donation]:
        r"""
        Donations received, in journal order.
        """
    def deliveries(self) -> builtins.list[Delivery]:
        r"""
        In-kind deliveries, in journal order.
        """
    def mission_facts(self, mission: builtins.str) -> MissionFacts:
        r"""
        The facts a policy evaluates for a won mission (with its declaration,
        negotiation and donations).
        """
    def won_mission_facts(self) -> builtins.list[MissionFacts]:
        r"""
        The facts of every won (won, started or completed) mission, by id.
        """
    def charter(self) -> typing.Optional[Charter]:
        r"""
        The charter version in force.
        """
    def charter_versions(self) -> builtins.list[Charter]:
        r"""
        Every charter version, oldest first.
        """
    def charter_signatures(self, provider: builtins.str) -> builtins.list[CharterSignature]:
        r"""
        A provider's charter signatures, oldest first.
        """
    def charter_status(self, provider: builtins.str) -> builtins.str:
        r"""
        `signed`, `outdated` or `unsigned`.
        """
    def __len__(self) -> builtins.int:
        r"""
        Number of events in the journal held in memory: those after the
        snapshot the network was rebuilt from, if any (`last_seq` counts them all).
        """
    def configure_follow_up(self, by: builtins.str, on: datetime.date, from_date: datetime.date, rules: builtins.str) -> Event:
        r"""
        A steward sets the follow-up rules (deadlines, thresholds) from a date, as JSON.
        """
    def share_resource(self, by: builtins.str, on: datetime.date, mission: builtins.str, resource: builtins.str, licence: builtins.str, location: builtins.str) -> Event:
        r"""
        The provider records that a resource developed in a mission was shared (art. 3).
        """
    def record_prior_work(self, by: builtins.str, on: datetime.date, member: builtins.str, local_actor: builtins.str | builtins.tuple[builtins.str, builtins.str], since: datetime.date) -> Event:
        r"""
        A member records prior work with a local actor (art. 4).
        """
    def record_member_informed(self, by: builtins.str, on: datetime.date, mission: builtins.str, member: builtins.str) -> Event:
        r"""
        The provider records that it informed a member who worked with the client before (art. 4).
        """
    def record_attendance(self, by: builtins.str, on: datetime.date, member: builtins.str, year: builtins.int, meeting: builtins.str = ...) -> Event:
        r"""
        A steward records attendance at the yearly meeting on the quality of support (art. 5).
        """
    def notify_hearing(self, by: builtins.str, on: datetime.date, member: builtins.str, grounds: builtins.str) -> Event:
        r"""
        A steward notifies a member of the grounds of a possible exclusion: the hearing opens.
        """
    def answer_hearing(self, by: builtins.str, on: datetime.date, member: builtins.str, answer: builtins.str) -> Event:
        r"""
        The member answers the notice.
        """
    def decide_standing(self, by: builtins.str, on: datetime.date, member: builtins.str, standing: builtins.str, reason: builtins.str, venue: builtins.str, *, taken_on: typing.Optional[datetime.date] = None, reference: typing.Optional[builtins.str] = None) -> Event:
        r"""
        A steward records a standing decision (reminder, warning, suspended, excluded, good_standing).
        """
    def decide_level(self, by: builtins.str, on: datetime.date, actor: builtins.str, level: builtins.str, reason: builtins.str, venue: builtins.str, *, taken_on: typing.Optional[datetime.date] = None, reference: typing.Optional[builtins.str] = None) -> Event:
        r"""
        A steward records a decision on an actor's involvement level.
        """
    def compliance_report(self, as_of: datetime.date) -> ComplianceReport:
        r"""
        The compliance report of the whole network at a date.
        """
    def member_compliance(self, member: builtins.str, as_of: datetime.date) -> typing.Optional[MemberCompliance]:
        r"""
        One member's compliance at a date (None if the charter never bound it).
        """
    def standing(self, member: builtins.str) -> builtins.str:
        r"""
        A member's standing (`good_standing`, `reminder`, `warning`, `suspended`, `excluded`).
        """
    def standing_proposal(self, member: builtins.str, as_of: datetime.date) -> StandingProposal:
        r"""
        What the thresholds propose for a member's standing; never applied by itself.
        """
    def standing_proposals(self, as_of: datetime.date) -> builtins.list[StandingProposal]:
        r"""
        The standing proposals of every member bound by the charter.
        """
    def level_suggestions(self, as_of: datetime.date) -> builtins.list[LevelSuggestion]:
        r"""
        The level suggestions of every actor.
        """
    def follow_up_rules(self, on: datetime.date) -> builtins.str:
        r"""
        The follow-up rules in force on a date, as the JSON `configure_follow_up` takes.
        """
    def level_suggestion(self, actor: builtins.str, as_of: datetime.date) -> LevelSuggestion:
        r"""
        The involvement level the member's activity suggests; never applied by itself.
        """
    def public_directory(self) -> builtins.list[DirectoryEntry]:
        r"""
        The public directory: consenting members only.
        """
    def directory_markdown(self, lang: builtins.str = "fr") -> builtins.str:
        r"""
        The public directory as Markdown in `lang`.
        """
    def contract_document(self, contract: builtins.str, version: typing.Optional[builtins.int] = None, lang: builtins.str = "fr") -> builtins.str:
        r"""
        A contract (a version, or the current one) as a Markdown document in `lang`.
        """
    def charter_document(self, version: typing.Optional[builtins.int] = None, lang: builtins.str = "fr") -> builtins.str:
        r"""
        The charter (a version, or the one in force) as a Markdown document in `lang`.
        """
    def signed_charter_document(self, provider: builtins.str, lang: builtins.str = "fr") -> builtins.str:
        r"""
        The charter a provider signed last, as Markdown in `lang`, followed by its signature.
        """
    def same_state(self, other: Network) -> builtins.bool:
        r"""
        Whether two networks have the same state.
        """
    def __repr__(self) -> builtins.str: ...
    def record_network_event(self, by: builtins.str, on: datetime.date, event: builtins.str, title: builtins.str, held_on: datetime.date, *, attendees: collections.abc.Sequence[builtins.str | builtins.tuple[builtins.str, builtins.str]] | None = None) -> Event:
        r"""
        A steward records an event the network held on `held_on`, with who
        attended: each a member's id, or `(name, kind)` for an outside actor
        (as a mission's client is written, so that a client is found among
        them). A mission a client asks an attending provider for within a
        year after the event has the recorded origin `network_event`.
        """
    def network_event(self, id: builtins.str) -> NetworkEvent:
        r"""
        The network event with this id.
        """
    def network_events(self) -> builtins.list[NetworkEvent]:
        r"""
        The events the network held, in id order.
        """
    @staticmethod
    def open(path: builtins.str | os.PathLike | pathlib.Path, *, synchronous: builtins.str = "full", key: typing.Optional[bytes] = None, read_only: builtins.bool = ..., busy_timeout: builtins.float = ..., max_bytes: typing.Optional[builtins.int] = None) -> Network:
        r"""
        Opens the store file at `path` (a `str` or `os.PathLike`), creating it
        if it does not exist, and rebuilds its network by replaying its events.
        
        The network returned has every command and query of an in-memory one;
        each accepted command is written to the file before it is applied, so
        what a command returned survives a restart. `synchronous` is `"full"`
        (the default: every commit is synced to disk, an acknowledged event
        survives a power loss) or `"normal"` (faster; the last events may be
        lost if the machine stops, not if the process crashes). `key` (bytes)
        authenticates the store's chain: a store written with a key opens only
        with it. `read_only` refuses every write with `store.file.read_only`.
        A write waits up to `busy_timeout` seconds for another writer before
        failing with `store.file.busy`; `max_bytes` caps the file's size
        (`store.disk.full` beyond it). Use it as a context manager to close the
        file on exit.
        """
    @staticmethod
    def import_jsonl(path: builtins.str | os.PathLike | pathlib.Path, journal: builtins.str, *, synchronous: builtins.str = "full", key: typing.Optional[bytes] = None, busy_timeout: builtins.float = ..., max_bytes: typing.Optional[builtins.int] = None) -> Network:
        r"""
        Creates a store file at `path` holding a JSON Lines journal (as
        `export_jsonl` or `journal_jsonl` writes it), after verifying its hash
        chain (with `key`, bytes, if it was written with one) and replaying
        every event with its checks: all or nothing. The store keeps `key`.
        Raises `store.file.not_empty` if the file already holds events. The
        other arguments are `open`'s.
        """
    def close(self) -> None:
        r"""
        Closes the store's file: later commands, `check`, `reload`,
        `export_jsonl` and `verify` raise `store.file.closed`; queries still
        answer on the network as it was. Closing twice is harmless; a network
        held in memory has no file, and closing it does nothing.
        """
    def reload(self) -> builtins.int:
        r"""
        Applies the events another writer (another `Network.open` of the same
        file, in this process or another) appended since this network last
        read the file; returns how many. What to do after `store.write.conflict`,
        before retrying. Raises `store.file.none` for a network held in memory.
        """
    def export_jsonl(self) -> builtins.str:
        r"""
        The store's whole journal as JSON Lines, its hash chain authenticated
        with the store's key if it was opened with one: what `import_jsonl`
        (or `replay`) reads on another machine. Raises `store.file.none` for
        a network held in memory (use `journal_jsonl`).
        """
    def snapshot(self) -> builtins.int:
        r"""
        Writes a snapshot of the network in the store (its state, the
        position and link of its last event, and a digest, keyed with the
        store's key) and returns its sequence number: later opens load it and
        replay only the events after it. Raises `store.file.none` for a
        network held in memory (use `snapshot_json`).
        """
    def verify(self) -> builtins.dict[builtins.str, typing.Optional[builtins.str]]:
        r"""
        Checks the whole store: every event read back, its hash chain verified
        (with the store's key, if given) and replayed with every check. Returns
        `{"chain": "unverified" | "sha256" | "keyed", "head": <the last link in
        hex, or None>}`; raises the first fault found, or `store.file.none`
        for a network held in memory.
        """
    def execute_batch(self, commands: typing.Sequence[builtins.dict[builtins.str, typing.Any] | builtins.str]) -> builtins.list[Event]:
        r"""
        Executes commands (each a dict or its JSON text, as `execute` takes
        them) in order, each checked on the state the previous ones leave:
        all or none. A store writes them in one transaction, much faster than
        one `execute` each, as a sync needs. Returns their events; raises the
        first refusal (or the store's failure), nothing then changed.
        """
    def __enter__(self) -> Network:
        r"""
        `with Network.open(path) as network:` gives the network itself.
        """
    def __exit__(self, _exc_type: typing.Optional[typing.Any] = None, _exc_value: typing.Optional[typing.Any] = None, _traceback: typing.Optional[typing.Any] = None) -> builtins.bool:
        r"""
        Closes the store's file on leaving the `with` block; an exception
        raised inside the block propagates.
        """

@typing.final
class NetworkEvent:
    r"""
    An event the network held (a meeting, a visit, a fair), with who attended.
    """
    @property
    def id(self) -> builtins.str:
        r"""
        Stable id.
        """
    @property
    def title(self) -> builtins.str:
        r"""
        What it was ("Rencontre régionale des tiers-lieux").
        """
    @property
    def held_on(self) -> datetime.date:
        r"""
        The day it was held.
        """
    @property
    def attendees(self) -> builtins.list[Client]:
        r"""
        Who attended, each once: members, and outside actors by name and
        kind (written as a mission's client is, so a client is found among them).
        """
    @property
    def recorded_by(self) -> builtins.str:
        r"""
        The steward who recorded it.
        """
    @property
    def recorded(self) -> Recorded:
        r"""
        The event of the journal that recorded it.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class NetworkLedger:
    r"""
    The whole network's ledger for one fiscal year.
    """
    @property
    def network(self) -> builtins.str:
        r"""
        The network's name (empty before founding).
        """
    @property
    def year(self) -> builtins.int:
        r"""
        The fiscal year, named after the calendar year it starts in.
        """
    @property
    def first_day(self) -> datetime.date:
        r"""
        The fiscal year's first day.
        """
    @property
    def last_day(self) -> datetime.date:
        r"""
        Its last day.
        """
    @property
    def policy(self) -> builtins.str:
        r"""
        The name of the policy that priced the missions.
        """
    @property
    def members(self) -> builtins.list[MemberLedger]:
        r"""
        One ledger per member with anything that year, by member id.
        """
    @property
    def due(self) -> decimal.Decimal:
        r"""
        Total money due.
        """
    @property
    def unpriced(self) -> builtins.list[builtins.str]:
        r"""
        Every mission not priced, by member then date won.
        """
    @property
    def paid(self) -> decimal.Decimal:
        r"""
        Total paid.
        """
    @property
    def in_kind_value(self) -> decimal.Decimal:
        r"""
        Total value delivered in kind.
        """
    @property
    def policy_in_kind_credit(self) -> decimal.Decimal:
        r"""
        Total in-kind credit recognised by the policy.
        """
    @property
    def offset(self) -> decimal.Decimal:
        r"""
        Total offset.
        """
    @property
    def donated(self) -> decimal.Decimal:
        r"""
        Total donated.
        """
    @property
    def balance(self) -> decimal.Decimal:
        r"""
        Sum of the members' balances.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Offer:
    r"""
    A dated offer in a negotiation.
    """
    @property
    def party(self) -> typing.Literal["provider", "network"]:
        r"""
        Which side offered.
        """
    @property
    def by(self) -> builtins.str:
        r"""
        Who made it (the provider, or a steward for the network).
        """
    @property
    def amount(self) -> decimal.Decimal:
        r"""
        The amount offered.
        """
    @property
    def on(self) -> datetime.date:
        r"""
        When.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing_extensions.disjoint_base
class OriginRecord:
    r"""
    The record of the network a mission's lead origin follows from.
    """
    @typing.final
    class Lead(OriginRecord):
        r"""
        A lead the network offered to the provider: `network_referral`.
        """
        __match_args__ = ("lead",)
        @property
        def lead(self) -> builtins.str:
            r"""
            The lead.
            """
        def __new__(cls, lead: builtins.str) -> OriginRecord.Lead: ...
    
    @typing.final
    class NetworkEvent(OriginRecord):
        r"""
        A network event the provider and the client attended: `network_event`.
        """
        __match_args__ = ("event",)
        @property
        def event(self) -> builtins.str:
            r"""
            The event.
            """
        def __new__(cls, event: builtins.str) -> OriginRecord.NetworkEvent: ...
    
    ...

@typing.final
class Parameters:
    r"""
    Time-versioned parameters of the policies (flat rate, guide, in-kind valuation).
    """
    @staticmethod
    def shipped() -> Parameters:
        r"""
        The shipped parameters: 5% from 2020-01-01, the shipped guide, the default valuation.
        """
    @staticmethod
    def load(json: builtins.str) -> Parameters:
        r"""
        Parameters from JSON (see the Rust `Parameters::load`); absent sections keep the shipped values.
        """
    @staticmethod
    def with_flat_rate(value: Money) -> Parameters:
        r"""
        The shipped parameters with another flat rate from 2020-01-01.
        """
    def flat_rate_at(self, on: datetime.date) -> decimal.Decimal:
        r"""
        The flat rate in force on a date.
        """
    def guide_at(self, on: datetime.date) -> builtins.list[tuple[builtins.str, decimal.Decimal, decimal.Decimal]]:
        r"""
        The guide's situations in force on a date, as `(id, rate, in_kind_rate)`.
        """
    def to_json(self) -> builtins.str:
        r"""
        The parameters as JSON.
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class PartnerCall:
    r"""
    A call for partners and what came of it.
    """
    @property
    def id(self) -> builtins.str:
        r"""
        Stable id.
        """
    @property
    def mission(self) -> builtins.str:
        r"""
        The mission it is for.
        """
    @property
    def provider(self) -> builtins.str:
        r"""
        The mission's provider, who issued it.
        """
    @property
    def need(self) -> typing.Literal["skill", "resource"]:
        r"""
        A skill or a resource.
        """
    @property
    def what(self) -> builtins.str:
        r"""
        What is asked for ("space design").
        """
    @property
    def recorded(self) -> Recorded:
        r"""
        The event that recorded it.
        """
    @property
    def answers(self) -> builtins.list[CallAnswer]:
        r"""
        The answers, in the order they came.
        """
    @property
    def joined(self) -> builtins.list[CallPartner]:
        r"""
        Who joined, in the order recorded.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Payment:
    r"""
    A payment of money to the network by a member.
    """
    @property
    def member(self) -> builtins.str:
        r"""
        The member who paid.
        """
    @property
    def amount(self) -> decimal.Decimal:
        r"""
        The amount (positive).
        """
    @property
    def on(self) -> datetime.date:
        r"""
        When it was received.
        """
    @property
    def reference(self) -> builtins.str:
        r"""
        A reference (invoice, transfer), free text.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class PendingTerms:
    r"""
    Terms proposed and not yet validated (a first proposal or an amendment).
    """
    @property
    def terms(self) -> ContractTerms:
        r"""
        The proposed terms.
        """
    @property
    def proposed_on(self) -> datetime.date:
        r"""
        When they were proposed.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Policy:
    r"""
    A contribution policy: one of the seed's four, a Python one, or a
    combination (floor, cap, yearly cap).
    """
    @property
    def name(self) -> builtins.str:
        r"""
        The policy's name.
        """
    @staticmethod
    def flat() -> Policy:
        r"""
        Flat rate: the rate in force (5% by default) of the revenue.
        """
    @staticmethod
    def guide() -> Policy:
        r"""
        Guide of emblematic situations.
        """
    @staticmethod
    def self_assessed(model: typing.Optional[BehaviourModel] = None) -> Policy:
        r"""
        Self-assessed, optionally with a behaviour model for missing declarations.
        """
    @staticmethod
    def negotiated(model: typing.Optional[BehaviourModel] = None) -> Policy:
        r"""
        Negotiated, optionally with a behaviour model for missing agreements.
        """
    @staticmethod
    def builtin(name: builtins.str, model: typing.Optional[BehaviourModel] = None) -> Policy:
        r"""
        A built-in policy by name: `flat`, `guide`, `self_assessed`, `negotiated`.
        """
    @staticmethod
    def custom(object: PolicyProtocol) -> Policy:
        r"""
        Wraps a Python object with `name` and `evaluate(mission, parameters) -> Decimal`.
        """
    def with_floor(self, floor: Money) -> Policy:
        r"""
        This policy with a floor per mission (never above the revenue).
        """
    def with_cap(self, cap: Money) -> Policy:
        r"""
        This policy with a cap per mission.
        """
    def with_yearly_cap(self, cap: Money) -> Policy:
        r"""
        This policy with a cap per provider and calendar year (applies across missions in comparisons).
        """
    def evaluate(self, mission: MissionFacts, parameters: typing.Optional[Parameters] = None) -> Assessment:
        r"""
        Evaluates one mission with the given (or shipped) parameters.
        """
    def evaluate_all(self, missions: collections.abc.Sequence[MissionFacts], parameters: typing.Optional[Parameters] = None) -> builtins.list[Assessment]:
        r"""
        Evaluates many missions (combinators across missions, like a yearly cap, apply).
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class ProviderReferrals:
    r"""
    One provider's line of the referral report.
    """
    @property
    def provider(self) -> builtins.str:
        r"""
        The provider.
        """
    @property
    def offered(self) -> builtins.int:
        r"""
        Leads offered to it in the year.
        """
    @property
    def answered(self) -> builtins.int:
        r"""
        Leads it answered in the year.
        """
    @property
    def interested(self) -> builtins.int:
        r"""
        Of those, the answers with interest.
        """
    @property
    def won(self) -> builtins.int:
        r"""
        Leads closed in the year as taken by it.
        """
    @property
    def lost(self) -> builtins.int:
        r"""
        Leads it wanted, closed in the year otherwise.
        """
    @property
    def share_of_won(self) -> decimal.Decimal:
        r"""
        Its share of the year's leads won (four decimals).
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Recorded:
    r"""
    When something was recorded: the command's date and its journal sequence number.
    """
    @property
    def on(self) -> datetime.date:
        r"""
        Date of the command that recorded it.
        """
    @property
    def seq(self) -> builtins.int:
        r"""
        Sequence number of that event in the journal.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class ReferralReport:
    r"""
    How the year's leads were spread among the providers.
    """
    @property
    def year(self) -> builtins.int:
        r"""
        The calendar year.
        """
    @property
    def leads_received(self) -> builtins.int:
        r"""
        Leads the network recorded in the year.
        """
    @property
    def leads_offered(self) -> builtins.int:
        r"""
        Leads offered in the year (open calls and direct referrals).
        """
    @property
    def leads_taken(self) -> builtins.int:
        r"""
        Leads closed in the year as taken by a member.
        """
    @property
    def leads_not_taken(self) -> builtins.int:
        r"""
        Leads closed in the year as taken by nobody.
        """
    @property
    def providers(self) -> builtins.list[ProviderReferrals]:
        r"""
        Every provider a lead was offered to, or that answered, won or lost
        one, in the year, in id order.
        """
    @property
    def hhi_won(self) -> typing.Optional[decimal.Decimal]:
        r"""
        The Herfindahl–Hirschman index of leads won (0 to 10,000, two
        decimals); `None` when no lead was won in the year.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Resource:
    r"""
    A resource used or developed during a mission.
    """
    @property
    def name(self) -> builtins.str:
        r"""
        What it is ("guide de programmation d'un tiers-lieu").
        """
    @property
    def licence(self) -> typing.Optional[builtins.str]:
        r"""
        Its open licence, if recorded (e.g. `CC-BY-SA-4.0`).
        """
    @property
    def workstream(self) -> typing.Optional[builtins.str]:
        r"""
        The network workstream it serves, if any (a steward's chantier).
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def __new__(cls, name: builtins.str, licence: typing.Optional[builtins.str] = None, workstream: typing.Optional[builtins.str] = None) -> Resource: ...

@typing.final
class ResourceUsed:
    r"""
    A shared resource one of the member's missions used.
    """
    @property
    def mission(self) -> builtins.str:
        r"""
        The mission.
        """
    @property
    def name(self) -> builtins.str:
        r"""
        The resource.
        """
    @property
    def first_used_on(self) -> datetime.date:
        r"""
        The day of the report that first mentioned it.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class ResultStream:
    r"""
    The results of `evaluate_batch` over a stream of missions, evaluated as
    they are read: iterate it for pyarrow RecordBatches (an error is raised
    as the `CoopetitionError` of its code, the row counted from the start of
    the stream), `read_all()` for one Table, or hand it to any reader of
    Arrow C streams (`pyarrow.RecordBatchReader.from_stream`, polars).
    It is read once.
    """
    @property
    def schema(self) -> typing.Any:
        r"""
        The schema of every result batch (pyarrow Schema).
        """
    def __iter__(self) -> ResultStream: ...
    def __next__(self) -> typing.Any: ...
    def read_all(self) -> typing.Any:
        r"""
        Every remaining result, as one pyarrow Table.
        """
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> typing.Any:
        r"""
        The stream through the Arrow C stream interface (read once).
        """

@typing.final
class Solution:
    r"""
    What `coopetition.solve` finds.
    """
    @property
    def setting(self) -> builtins.str:
        r"""
        The setting solved: `flat_rate` or `guide_scale`.
        """
    @property
    def value(self) -> decimal.Decimal:
        r"""
        The value found (a rate, or a factor).
        """
    @property
    def total_due(self) -> decimal.Decimal:
        r"""
        The total due at that value, exact, in euros.
        """
    @property
    def target(self) -> decimal.Decimal:
        r"""
        The target, in euros.
        """
    @property
    def residual(self) -> decimal.Decimal:
        r"""
        `total_due − target`, exact.
        """
    @property
    def precision(self) -> decimal.Decimal:
        r"""
        The step of the grid searched.
        """
    @property
    def evaluations(self) -> builtins.int:
        r"""
        The totals computed.
        """
    def _repr_html_(self) -> builtins.str:
        r"""
        The solution as HTML for notebooks (`coopetition._display.solution_html`).
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class StandingProposal:
    r"""
    What the thresholds propose for a member's standing. Shown, never applied.
    """
    @property
    def member(self) -> builtins.str:
        r"""
        The member.
        """
    @property
    def current(self) -> typing.Literal["good_standing", "reminder", "warning", "suspended", "excluded"]:
        r"""
        Its standing now.
        """
    @property
    def proposed(self) -> typing.Optional[typing.Literal["good_standing", "reminder", "warning", "suspended", "excluded"]]:
        r"""
        The step proposed, if any: the next step of the ladder, or good
        standing (reinstatement) once nothing is late or breached any more.
        """
    @property
    def breached(self) -> builtins.int:
        r"""
        Breached engagements due within the lookback window.
        """
    @property
    def late(self) -> builtins.int:
        r"""
        Late engagements due within the lookback window.
        """
    @property
    def evidence(self) -> builtins.list[builtins.int]:
        r"""
        The journal events behind those engagements.
        """
    @property
    def hearing_required(self) -> builtins.bool:
        r"""
        Whether the proposal is an exclusion, which needs a hearing first.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class StatusCounts:
    r"""
    How many engagements are in each status.
    """
    @property
    def met(self) -> builtins.int:
        r"""
        Met.
        """
    @property
    def pending(self) -> builtins.int:
        r"""
        Pending.
        """
    @property
    def late(self) -> builtins.int:
        r"""
        Late.
        """
    @property
    def breached(self) -> builtins.int:
        r"""
        Breached.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class Step:
    r"""
    One step of an explanation.
    """
    @property
    def code(self) -> typing.Literal["flat.rate", "flat.amount", "flat.donations_apart", "guide.origin", "guide.match", "guide.default", "guide.amount", "guide.in_kind", "self.declared", "self.suggestion", "self.gap", "self.missing", "negotiation.offers", "negotiation.agreed", "negotiation.pending", "negotiation.stalemate", "negotiation.missing", "model.applied", "rounding.cents", "combinator.floor", "combinator.cap", "combinator.yearly_cap", "custom.amount"]:
        r"""
        What the step did: its stable code (`flat.rate`…).
        """
    @property
    def params(self) -> builtins.list[tuple[builtins.str, builtins.str]]:
        r"""
        The values it used, named, as plain text (rates as fractions, ISO dates).
        """
    @property
    def en(self) -> builtins.str:
        r"""
        The sentence in English.
        """
    @property
    def fr(self) -> builtins.str:
        r"""
        The sentence in French.
        """
    @property
    def source_code(self) -> typing.Optional[builtins.str]:
        r"""
        The code of the text the step applies (`report.radical`,
        `report.situation.3`, `charter.article.1`…); `None` when it applies
        none (rounding to the cent, a behaviour model, a floor or a cap).
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def sentence(self, lang: typing.Literal["fr", "en"] = ...) -> builtins.str:
        r"""
        The sentence in `lang`.
        """
    def source_title(self, lang: typing.Literal["fr", "en"] = ...) -> typing.Optional[builtins.str]:
        r"""
        The title of that text in `lang`.
        """

@typing.final
class Summary:
    r"""
    The mergeable summary of a comparison (`compare(...).state()`): sent
    between processes (`to_json`/`from_json`, pickling) and merged with the
    summaries of other missions compared the same way (`Summary.merge`).
    Totals, counts, the provenance mix and every breakdown merge exactly, to
    the cent. The effective-rate figures are exact while the merged
    summaries hold at most 1,048,576 rates per policy; beyond, they come from
    a histogram of the rates: each quantile within 0.0122 % (2⁻¹³) of the
    exact one, the Gini coefficient within 2⁻¹³ (`rates_exact` says which).
    """
    @property
    def summary(self) -> typing.Any:
        r"""
        The summary table (pyarrow Table, one row per policy).
        """
    @property
    def by_lead_origin(self) -> typing.Any:
        r"""
        Amount due by lead origin, per policy (pyarrow Table).
        """
    @property
    def by_lead_origin_basis(self) -> typing.Any:
        r"""
        Amount due by lead-origin basis, per policy (pyarrow Table).
        """
    @property
    def by_situation(self) -> typing.Any:
        r"""
        Amount due by guide situation, per policy (pyarrow Table).
        """
    @property
    def by_provider(self) -> typing.Any:
        r"""
        Amount due by provider, per policy (pyarrow Table).
        """
    @property
    def missions(self) -> builtins.int:
        r"""
        The number of missions summarised.
        """
    @property
    def policies(self) -> builtins.list[builtins.str]:
        r"""
        The policies' names, in order.
        """
    @property
    def rates_exact(self) -> builtins.bool:
        r"""
        Whether the effective-rate figures are exact (every rate kept).
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...
    def diagnostics(self) -> Diagnostics:
        r"""
        Fairness diagnostics of each policy (see `Diagnostics`), from the
        merged totals.
        """
    @classmethod
    def merge(cls, summaries: collections.abc.Sequence[Summary]) -> Summary:
        r"""
        The summary of all the missions of `summaries` (compared under the
        same parameters and policies: else a `BatchError`
        `batch.summary.mismatch`).
        """
    @classmethod
    def from_json(cls, text: builtins.str) -> Summary:
        r"""
        A summary written by `to_json` (else a `BatchError` `batch.summary.invalid`).
        """
    def to_json(self) -> builtins.str:
        r"""
        The summary as JSON, complete: `Summary.from_json` reads it back.
        """
    def to_arrow(self) -> typing.Any:
        r"""
        The summary table (pyarrow Table, one row per policy), as `Comparison.summary`.
        """
    def totals(self) -> builtins.list[tuple[builtins.str, decimal.Decimal]]:
        r"""
        Total due per policy, exact.
        """
    def comparison_json(self) -> builtins.str:
        r"""
        The whole comparison as JSON (money as decimal strings), as `Comparison.to_json`.
        """
    def __reduce__(self) -> tuple[typing.Any, tuple[builtins.str]]: ...
    def _repr_html_(self) -> builtins.str:
        r"""
        The summary as HTML for notebooks: one row per policy
        (`coopetition._display.summary_html`).
        """
    def plot(self, by: typing.Literal["lead_origin", "lead_origin_basis", "situation", "provider"] = "lead_origin", y: typing.Literal["rate", "due"] = "rate", ax: typing.Optional[typing.Any] = None, lang: typing.Literal["fr", "en"] = "fr") -> typing.Any:
        r"""
        Grouped bars of each policy by lead origin (or `by` another breakdown:
        `lead_origin_basis`, `situation`, `provider`): the share of the
        group's revenue due (`y="rate"`) or the amount due (`y="due"`), drawn
        with matplotlib (`pip install 'coopetition[plots]'`) on `ax` or a new
        figure's Axes, tick labels in `lang`; returns the Axes.
        """
    def __repr__(self) -> builtins.str: ...

@typing.final
class Sweep:
    r"""
    What `coopetition.sweep` gives: one row per variant of the parameters.
    """
    @property
    def table(self) -> typing.Any:
        r"""
        A pyarrow table, one row per variant in order: `settings` (text),
        `priced`, `total_due` (decimal128, exact), `in_kind_credit` (exact),
        the effective rates'
        `rate_mean`, `rate_p10`, `rate_median`, `rate_p90` and `gini`, then
        `due_origin_<lead origin>` and `due_situation_<situation>` (exact).
        """
    @property
    def policy(self) -> builtins.str:
        r"""
        The policy evaluated.
        """
    @property
    def missions(self) -> builtins.int:
        r"""
        The number of missions.
        """
    @property
    def revenue(self) -> decimal.Decimal:
        r"""
        Their revenue, exact, in euros.
        """
    @property
    def situations(self) -> builtins.list[builtins.str]:
        r"""
        The guide situations the `due_situation_<situation>` columns name.
        """
    @property
    def settings(self) -> builtins.list[builtins.list[tuple[builtins.str, decimal.Decimal]]]:
        r"""
        Each variant's settings, as `(name, value)` pairs in the order given.
        """
    @property
    def totals(self) -> builtins.list[decimal.Decimal]:
        r"""
        Each variant's total due, exact, in euros.
        """
    def __len__(self) -> builtins.int:
        r"""
        The number of variants.
        """
    def __repr__(self) -> builtins.str: ...
    def _repr_html_(self) -> builtins.str:
        r"""
        The sweep as HTML for notebooks: its policy, missions and revenue,
        then its first 20 variants (`coopetition._display.sweep_html`).
        """
    def plot(self, x: typing.Optional[builtins.str] = None, y: builtins.str | typing.Sequence[builtins.str] | None = None, ax: typing.Optional[typing.Any] = None, lang: typing.Literal["fr", "en"] = "fr") -> typing.Any:
        r"""
        Draws the columns `y` (default `("total_due", "gini")`: the first on
        the left axis, the second on a right one) against the setting `x`
        (default: the one setting that varies; the variant's number when
        several do) with matplotlib (`pip install 'coopetition[plots]'`), on
        `ax` or a new figure's Axes, tick labels in `lang`; returns the Axes.
        """

@typing.final
class Text:
    r"""
    A text in French and in English.
    """
    @property
    def fr(self) -> builtins.str:
        r"""
        The French text.
        """
    @property
    def en(self) -> builtins.str:
        r"""
        The English text.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

@typing.final
class ValuedDelivery:
    r"""
    An in-kind delivery with its value.
    """
    @property
    def delivery(self) -> Delivery:
        r"""
        The delivery as recorded.
        """
    @property
    def unit_value(self) -> decimal.Decimal:
        r"""
        The value of one unit, in force on the delivery date.
        """
    @property
    def value(self) -> decimal.Decimal:
        r"""
        Quantity × unit value, rounded to the cent.
        """
    def __eq__(self, other: builtins.object, /) -> builtins.bool: ...

def catalogue(kind: builtins.str) -> builtins.list[CatalogueItem]:
    r"""
    The catalogue items of an actor kind.
    """

def compare(missions: typing.Any, policies: collections.abc.Sequence[builtins.str | Policy | PolicyProtocol] | None = None, *, parameters: typing.Optional[Parameters] = None, model: typing.Optional[BehaviourModel] = None, round_floats: builtins.bool = False, threads: typing.Optional[builtins.int] = None, to: builtins.str | os.PathLike[builtins.str] | None = None, progress: collections.abc.Callable[[builtins.int], object] | builtins.bool | None = None) -> Comparison:
    r"""
    Compares contribution policies over won missions: a table (pyarrow,
    polars, pandas, DuckDB), or a stream read one batch at a time in memory
    bounded by the batch (a `pyarrow.RecordBatchReader` or any object with
    `__arrow_c_stream__` that is not a table, a `pyarrow.dataset.Dataset`, a
    Parquet file, directory or glob, or a list of them). Over a stream the
    per-mission results are not kept: `to=` writes them to a Parquet file as
    they come. `progress=` is called with the number of missions done after
    each batch of a stream (default: a tqdm bar when tqdm is installed and
    the call is interactive; `False`: none); Ctrl-C stops a stream between
    two batches, leaving no thread running.
    """

def default_threads() -> builtins.int:
    r"""
    The number of threads `compare` and `evaluate_batch` use when not given
    `threads=`: `COOPETITION_THREADS` from the environment when it is set,
    otherwise the cores this process may use (its CPU affinity and cgroup
    quota, not the machine's count).
    """

def error_classes() -> builtins.list[tuple[builtins.str, builtins.list[builtins.str], builtins.str, builtins.list[builtins.str]]]:
    r"""
    The classes of `coopetition.errors` as `(name, bases, doc, codes)`, which
    `tools/generate_errors.py` writes out and the tests check.
    """

def error_codes() -> builtins.list[builtins.str]:
    r"""
    Every stable error code of the core.
    """

def evaluate(policy: Policy | PolicyProtocol, mission: MissionFacts, parameters: typing.Optional[Parameters] = None) -> Assessment:
    r"""
    Evaluates a mission under a policy (a `Policy` or a Python object with `evaluate`).
    """

def evaluate_batch(missions: typing.Any, policy: builtins.str | Policy, *, parameters: typing.Optional[Parameters] = None, model: typing.Optional[BehaviourModel] = None, round_floats: builtins.bool = False, details: builtins.bool = True, threads: typing.Optional[builtins.int] = None, to: builtins.str | os.PathLike[builtins.str] | None = None, progress: collections.abc.Callable[[builtins.int], object] | builtins.bool | None = None) -> typing.Any:
    r"""
    Evaluates one policy over won missions, row by row in columnar form: a
    pyarrow Table, one row per mission in order, with `amount` (the amount
    due, decimal128, null unless priced) and, unless `details=False`,
    `status` (`priced`, `pending`, `undeclared`, `stalemate`), `provenance`
    (`computed`, `declared`, `negotiated`, `modelled`), `situation` (the
    guide situation, null when none), `in_kind` (the in-kind credit,
    decimal128) and `codes` (the explanation's step codes, space-separated),
    the labels as dictionaries. Only the columns the policy reads are read. The flat
    and guide policies read the layouts analysts hold in place (decimal128 of
    scale 0 to 2 or integer `*_cents`, dates and timestamps, lead origins as
    strings or dictionaries, integer counts, booleans, no nulls); other types
    are converted first, with the same results. At most `threads` threads
    work on it (default: `default_threads()`, which `COOPETITION_THREADS`
    sets). Over a stream (see `compare`) it returns a `ResultStream` of the
    results, evaluated as they are read; with `to=` a Parquet path, the
    results are written there instead and the number of missions is returned.
    """

def format_amount(amount: Money, lang: typing.Literal["fr", "en"] = ...) -> builtins.str:
    r"""
    An amount in euros as a reader of `lang` expects it, exact, with at least
    two decimals: `18 500,00 €` (fr: U+202F between digit groups, U+00A0
    before €, U+2212 for a minus), `€18,500.00` (en). A `Decimal`, an int or
    a numeric string; floats are refused.
    """

def format_count(n: builtins.int, singular: builtins.str, plural: builtins.str, lang: typing.Literal["fr", "en"] = ...) -> builtins.str:
    r"""
    `n` and the noun in the number `n` takes in `lang`: `1 criterion`,
    `0 critère`, `2 critères` (French takes the singular for 0 and 1).
    """

def format_date(on: datetime.date, lang: typing.Literal["fr", "en"] = ...) -> builtins.str:
    r"""
    A date in words: `1er décembre 2026` (fr), `1 December 2026` (en).
    """

def format_number(value: Money, lang: typing.Literal["fr", "en"] = ...) -> builtins.str:
    r"""
    A number with every decimal it has: `18 500,5` (fr), `18,500.5` (en).
    """

def format_percent(share: Money, lang: typing.Literal["fr", "en"] = ...) -> builtins.str:
    r"""
    A share (`Decimal("0.055")`) as a percentage: `5,5 %` (fr, U+202F before
    %), `5.5%` (en).
    """

def shipped_charter_versions() -> builtins.list[Charter]:
    r"""
    The charter versions shipped with the library.
    """

def solve(missions: typing.Any, setting: typing.Literal['flat_rate', 'guide_scale'], target: Money | typing.Literal['flat', 'guide', 'self_assessed', 'negotiated'] | Policy, *, precision: Money | None = None, parameters: typing.Optional[Parameters] = None, round_floats: builtins.bool = False, threads: typing.Optional[builtins.int] = None) -> Solution:
    r"""
    Finds the flat rate (`setting="flat_rate"`, under the flat policy) or
    the factor of every guide rate (`setting="guide_scale"`, under the
    guide) whose total due over `missions` comes closest to `target`: an
    amount in euros (`Decimal`, int or numeric string; floats are refused),
    or another policy's total on the same missions (`"guide"`, a built-in
    `Policy`).
    
    The value is sought on a grid of steps of `precision` (`"0.0001"`, a
    hundredth of a percentage point, by default): the flat rate from 0 to 1,
    the factor from 0 to the largest that keeps every rate at most 1. Each
    total is exact to the cent; of the two steps around the target the
    closer wins (the lower on a tie). About twenty passes over the missions:
    about 0.1 s for a million.
    
    Returns a `Solution`: `setting`, `value`, `total_due`, `target`,
    `residual` (`total_due − target`, exact), `precision`, `evaluations`.
    A target below the total at 0 or above the total at the highest value
    fails with `policy.target.unreachable`, whose message gives the closest
    total and the value that reaches it.
    """

def sweep(missions: typing.Any, policy: typing.Literal['flat', 'guide', 'self_assessed', 'negotiated'], settings: collections.abc.Mapping[builtins.str, Money | collections.abc.Sequence[Money]] | collections.abc.Sequence[collections.abc.Mapping[builtins.str, Money]], *, parameters: typing.Optional[Parameters] = None, round_floats: builtins.bool = False, threads: typing.Optional[builtins.int] = None) -> Sweep:
    r"""
    Evaluates one set of missions under many variants of the parameters, in
    one call: the missions are read and their guide situations matched once;
    each variant then costs one pass of the amounts kernel.
    
    `settings` is a dict of settings and their values, every combination of
    which is a variant (a grid: `{"network_referral": ["0.06", "0.08"],
    "event_solo": ["0.03", "0.04"]}` makes four), or a list of dicts, one per
    variant. A setting is `flat_rate` (in every period), `guide_scale` (every
    situation's rate multiplied), the id of a guide situation (its rate),
    `in_kind:` and the id of a guide situation (the part of its fair
    contribution recognised in kind; the rate and it add up to at most 1),
    `floor` (each amount raised to at least this many euros, never above the
    mission's revenue) or `cap` (each amount lowered to at most this many
    euros, after the floor). Values are `Decimal`, int or numeric strings;
    floats are refused.
    
    Returns a `Sweep`, whose `table` is a pyarrow table, one row per variant
    in order: `settings` (text),
    `priced`, `total_due` (decimal128, exact), `in_kind_credit` (what the
    guide recognised in kind, beside the money due), the effective rates'
    `rate_mean`, `rate_p10`, `rate_median`, `rate_p90` and `gini` (exact up
    to 65,536 missions, beyond within 2⁻¹³ of the exact figures), then
    `due_origin_<lead origin>` and `due_situation_<situation>` (exact).
    A bad rate (`policy.rate.invalid`), situation
    (`policy.situation.unknown`, listing the known ones) or floor or cap
    (`money.amount.negative`, `money.amount.precision`: whole cents) fails
    the call before anything is evaluated.
    """

