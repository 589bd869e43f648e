//! A member's annual statement: its ledger for one fiscal year, rendered as
//! Markdown in French or in English.

use super::{member_year, MemberLedger, Settlement};
use crate::actor::ActorKind;
use crate::catalogue::Catalogues;
use crate::error::{Error, Result};
use crate::format;
use crate::ids::ActorId;
use crate::money::Money;
use crate::network::Network;
use crate::policy::{ContributionPolicy, Parameters};
use crate::statement_text::{cell, form_text, money_text, provenance_text, status_text, unit_text};
use crate::text::Lang;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write as _;

/// A member's annual statement: its ledger with the names it is shown with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnualStatement {
    /// The network's name.
    pub network: String,
    /// The member's display name.
    pub member_name: String,
    /// The member's kind (selects the wording of its contribution options).
    pub member_kind: ActorKind,
    /// The ledger.
    pub ledger: MemberLedger,
}

/// A member's annual statement rendered as Markdown in `lang`.
///
/// # Errors
/// `network.founding.invalid` before founding; as [`member_year`].
pub fn annual_statement(
    network: &Network,
    member: &ActorId,
    year: i32,
    policy: &dyn ContributionPolicy,
    params: &Parameters,
    lang: Lang,
) -> Result<String> {
    Ok(AnnualStatement::new(network, member, year, policy, params)?.to_markdown(lang))
}

impl AnnualStatement {
    /// The statement of `member` for `year`.
    ///
    /// # Errors
    /// As [`annual_statement`].
    pub fn new(
        network: &Network,
        member: &ActorId,
        year: i32,
        policy: &dyn ContributionPolicy,
        params: &Parameters,
    ) -> Result<AnnualStatement> {
        let settings = network.settings().ok_or(Error::Founding("the network must be founded first"))?;
        let actor = network.actor(member)?;
        Ok(AnnualStatement {
            network: settings.name.clone(),
            member_name: actor.display_name.clone(),
            member_kind: actor.kind,
            ledger: member_year(network, member, year, policy, params)?,
        })
    }

    /// The statement as Markdown, in French or in English.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_markdown(&mut out, lang);
        out
    }

    fn write_markdown(&self, out: &mut String, lang: Lang) -> std::fmt::Result {
        let l = &self.ledger;
        let fr = lang == Lang::Fr;
        let m = |amount: Money| money_text(amount, lang);
        let day = |on: NaiveDate| crate::format::date(on, lang);
        let t = |fr_text: &'static str, en_text: &'static str| if fr { fr_text } else { en_text };
        // French typography puts a space before a colon.
        let c = t(" :", ":");

        writeln!(out, "# {} {} — {}", t("Relevé annuel", "Annual statement"), l.year, cell(&self.network))?;
        writeln!(out)?;
        writeln!(out, "- {}{c} {}", t("Réseau", "Network"), cell(&self.network))?;
        writeln!(out, "- {}{c} {} (`{}`)", t("Membre", "Member"), cell(&self.member_name), l.member)?;
        let calendar_year = l.fiscal_year().is_calendar_year();
        if calendar_year {
            writeln!(out, "- {}{c} {}", t("Année", "Year"), l.year)?;
        } else if fr {
            writeln!(out, "- Exercice : {} (du {} au {})", l.year, day(l.first_day), day(l.last_day))?;
        } else {
            writeln!(out, "- Fiscal year: {} ({} to {})", l.year, day(l.first_day), day(l.last_day))?;
        }
        writeln!(out, "- {}{c} `{}`", t("Politique de contribution", "Contribution policy"), l.policy)?;

        let won_in = if calendar_year {
            t("Missions remportées en", "Missions won in")
        } else {
            t("Missions remportées pendant l'exercice", "Missions won in fiscal year")
        };
        writeln!(out, "\n## {won_in} {}\n", l.year)?;
        if l.priced().next().is_none() {
            writeln!(out, "{}", t("Aucune mission chiffrée.", "No priced mission."))?;
        } else {
            writeln!(
                out,
                "| {} |\n| --- | --- | --- | ---: | ---: | --- | --- |",
                t(
                    "Mission | Intitulé | Remportée le | Chiffre d'affaires | Montant dû | Provenance | Situation",
                    "Mission | Title | Won on | Revenue | Amount due | Provenance | Situation"
                )
            )?;
            for line in l.priced() {
                let situation = match (&line.situation_title, &line.situation) {
                    (Some(title), _) => cell(title.get(lang)),
                    (None, Some(id)) => format!("`{id}`"),
                    (None, None) => "—".to_owned(),
                };
                writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} | {} | {} |",
                    line.mission,
                    cell(&line.title),
                    day(line.won_on),
                    m(line.revenue),
                    line.amount.map_or_else(|| "—".to_owned(), m),
                    provenance_text(line.provenance, lang),
                    situation
                )?;
            }
        }
        writeln!(out, "\n{}{c} **{}**", t("Total dû", "Total due"), m(l.due))?;
        if !l.policy_in_kind_credit.amount().is_zero() {
            writeln!(
                out,
                "\n{}{c} {}. {}",
                t("Part reconnue en nature par la politique", "Part recognised in kind by the policy"),
                m(l.policy_in_kind_credit),
                t(
                    "Elle est déjà déduite du montant dû et ne compense rien une seconde fois.",
                    "It is already deducted from the amount due and offsets nothing a second time."
                )
            )?;
        }

        if l.unpriced_count() > 0 {
            writeln!(out, "\n## {}\n", t("Missions en attente", "Pending missions"))?;
            writeln!(
                out,
                "| {} |\n| --- | --- | --- | ---: | --- |",
                t(
                    "Mission | Intitulé | Remportée le | Chiffre d'affaires | État",
                    "Mission | Title | Won on | Revenue | Status"
                )
            )?;
            for line in l.pending() {
                writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} |",
                    line.mission,
                    cell(&line.title),
                    day(line.won_on),
                    m(line.revenue),
                    status_text(line.status, lang)
                )?;
            }
            let pending = u64::try_from(l.unpriced_count()).unwrap_or(u64::MAX);
            let its = match (lang, crate::format::is_singular(pending, lang)) {
                (Lang::Fr, true) => "son",
                (Lang::Fr, false) => "leur",
                (Lang::En, true) => "its",
                (Lang::En, false) => "their",
            };
            let sentence = if fr {
                let missions = crate::format::count(pending, lang, "mission", "missions");
                format!("{missions} en attente : {its} montant n'est pas encore connu, il n'est pas compté comme nul.")
            } else {
                let missions = crate::format::count(pending, lang, "pending mission", "pending missions");
                format!("{missions}: {its} amount is not known yet; it is not counted as zero.")
            };
            writeln!(out, "\n{sentence}")?;
        }

        writeln!(out, "\n## {}\n", t("Versements", "Payments"))?;
        if l.payments.is_empty() {
            writeln!(out, "{}", t("Aucun versement reçu.", "No payment received."))?;
        } else {
            writeln!(
                out,
                "| {} |\n| --- | --- | ---: |",
                t("Reçu le | Référence | Montant", "Received on | Reference | Amount")
            )?;
            for p in &l.payments {
                let reference = if p.reference.is_empty() { "—".to_owned() } else { cell(&p.reference) };
                writeln!(out, "| {} | {} | {} |", day(p.on), reference, m(p.amount))?;
            }
        }
        writeln!(out, "\n{}{c} **{}**", t("Total versé", "Total paid"), m(l.paid))?;

        writeln!(out, "\n## {}\n", t("Contributions en nature", "In-kind contributions"))?;
        if l.deliveries.is_empty() {
            writeln!(out, "{}", t("Aucune contribution en nature.", "No in-kind contribution."))?;
        } else {
            writeln!(
                out,
                "| {} |\n| --- | --- | ---: | --- | ---: | ---: |",
                t(
                    "Réalisée le | Contribution | Quantité | Unité | Valeur unitaire | Valeur",
                    "Delivered on | Contribution | Quantity | Unit | Unit value | Value"
                )
            )?;
            for v in &l.deliveries {
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    day(v.delivery.on),
                    self.contribution_text(&v.delivery.contribution, lang),
                    format::number(v.delivery.quantity, lang),
                    unit_text(v.delivery.unit, lang),
                    m(v.unit_value),
                    m(v.value)
                )?;
            }
            writeln!(out)?;
            for total in &l.in_kind {
                writeln!(
                    out,
                    "- {}{c} {} {} = {}",
                    self.contribution_text(&total.contribution, lang),
                    format::number(total.quantity, lang),
                    unit_text(total.unit, lang),
                    m(total.value)
                )?;
            }
        }
        writeln!(out, "\n{}{c} **{}**", t("Valeur en nature", "In-kind value"), m(l.in_kind_value))?;
        let share = l.max_offset_share.map_or_else(|| "—".to_owned(), |s| format::percent(s, lang));
        if fr {
            writeln!(
                out,
                "\nCompensation : **{}** (au plus {} du montant dû, soit {}, selon la valorisation en vigueur le {}).",
                m(l.offset),
                share,
                m(l.offset_cap),
                day(l.last_day)
            )?;
        } else {
            writeln!(
                out,
                "\nOffset: **{}** (at most {} of the amount due, that is {}, with the valuation in force on {}).",
                m(l.offset),
                share,
                m(l.offset_cap),
                day(l.last_day)
            )?;
        }

        writeln!(out, "\n## {}\n", t("Dons", "Donations"))?;
        if l.donations.is_empty() {
            writeln!(out, "{}", t("Aucun don.", "No donation."))?;
        } else {
            writeln!(
                out,
                "| {} |\n| --- | --- | ---: |",
                t("Reçu le | Mission | Montant", "Received on | Mission | Amount")
            )?;
            for d in &l.donations {
                let mission = d.mission.as_ref().map_or_else(|| "—".to_owned(), |id| format!("`{id}`"));
                writeln!(out, "| {} | {} | {} |", day(d.on), mission, m(d.amount))?;
            }
        }
        writeln!(
            out,
            "\n{}{c} **{}**. {}",
            t("Total des dons", "Total donated"),
            m(l.donated),
            t(
                "Les dons s'ajoutent à la contribution et ne réduisent jamais le montant dû.",
                "Donations come on top of the contribution and never reduce the amount due."
            )
        )?;

        writeln!(out, "\n## {}\n", t("Solde", "Balance"))?;
        writeln!(out, "{}", self.balance_sentence(lang))
    }

    /// The sentence that states the balance.
    pub fn balance_sentence(&self, lang: Lang) -> String {
        let l = &self.ledger;
        let m = |amount: Money| money_text(amount, lang);
        let abs = Money::eur(l.balance.amount().abs());
        let detail = match lang {
            Lang::Fr => format!("dû {} − compensation en nature {} − versé {}", m(l.due), m(l.offset), m(l.paid)),
            Lang::En => format!("due {} − in-kind offset {} − paid {}", m(l.due), m(l.offset), m(l.paid)),
        };
        let mut sentence = match (lang, l.settlement()) {
            (Lang::Fr, Settlement::Owed) => format!("Solde {} : **{} restent dus** ({detail}).", l.year, m(abs)),
            (Lang::Fr, Settlement::Settled) => format!("Solde {} : **soldé** ({detail}).", l.year),
            (Lang::Fr, Settlement::Overpaid) => format!("Solde {} : **trop-versé de {}** ({detail}).", l.year, m(abs)),
            (Lang::En, Settlement::Owed) => format!("Balance for {}: **{} still owed** ({detail}).", l.year, m(abs)),
            (Lang::En, Settlement::Settled) => format!("Balance for {}: **settled** ({detail}).", l.year),
            (Lang::En, Settlement::Overpaid) => {
                format!("Balance for {}: **overpaid by {}** ({detail}).", l.year, m(abs))
            }
        };
        if l.unpriced_count() > 0 {
            sentence.push(' ');
            sentence.push_str(&match lang {
                Lang::Fr if l.unpriced_count() == 1 => "Ce solde ne compte pas la mission en attente.".to_owned(),
                Lang::En if l.unpriced_count() == 1 => "This balance leaves out the pending mission.".to_owned(),
                Lang::Fr => format!("Ce solde ne compte pas les {} missions en attente.", l.unpriced_count()),
                Lang::En => format!("This balance leaves out the {} pending missions.", l.unpriced_count()),
            });
        }
        sentence
    }

    fn contribution_text(&self, id: &str, lang: Lang) -> String {
        let form = Catalogues::shipped().kind(self.member_kind).ok().and_then(|k| k.contribution(id)).map(|o| o.form);
        match form {
            Some(form) => format!("{} (`{id}`)", form_text(form, lang)),
            None => format!("`{}`", cell(id)),
        }
    }
}
