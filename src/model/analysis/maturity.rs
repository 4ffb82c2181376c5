//! The maturity questionnaire: which questions a workspace answers, and the
//! score of a set of answers.
//!
//! Every workspace starts with the built-in questionnaire (the organisational
//! setup the seed recommends). A town that adopts a maturity-questionnaire
//! template answers the template's questions instead: they live in the
//! workspace's `questions` collection and remember their origin, so the
//! director's later improvements arrive through the usual template update.
//! Each assessment keeps the score computed when it was recorded, so a new
//! questionnaire never rewrites the history.

use crate::model::kinds::ids::Id;
use crate::model::kinds::workspace::Workspace;
use std::collections::BTreeMap;

/// The built-in questions (id, text). The starter questionnaire template
/// reuses these ids, so adopting it keeps answers comparable over time.
pub const BUILT_IN_QUESTIONS: [(&str, &str); 5] = [
    ("director", "Un directeur de la transformation numérique est désigné (éventuellement mutualisé)"),
    ("governance", "La gouvernance du numérique est transversale, au niveau des directeurs"),
    ("one_directorate", "Usages numériques et systèmes d'information sont dans une même direction"),
    ("budget", "Un budget dédié à la transformation numérique est voté chaque année"),
    ("training", "Les agents sont formés au numérique selon un plan de formation"),
];

/// The highest level of an answer (0 = absent … 4 = exemplary).
pub const MAX_LEVEL: u64 = 4;

/// One question as the questionnaire screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct MaturityQuestion {
    pub id: Id,
    pub text: String,
    pub help: String,
    /// Relative weight in the score; 0 leaves the question out of it.
    pub weight: f64,
}

/// Where the questions of a workspace come from.
#[derive(Debug, Clone, PartialEq)]
pub enum QuestionnaireSource {
    BuiltIn,
    /// Adopted from these templates (titles as recorded at adoption).
    Adopted(Vec<String>),
}

/// The built-in questionnaire.
pub fn built_in() -> Vec<MaturityQuestion> {
    BUILT_IN_QUESTIONS
        .iter()
        .map(|(id, text)| MaturityQuestion {
            id: id.to_string(),
            text: text.to_string(),
            help: String::new(),
            weight: 1.0,
        })
        .collect()
}

/// The questions this workspace answers, in order, and where they come from.
pub fn questionnaire(ws: &Workspace) -> (Vec<MaturityQuestion>, QuestionnaireSource) {
    if ws.questions.is_empty() {
        return (built_in(), QuestionnaireSource::BuiltIn);
    }
    let mut questions: Vec<_> = ws.questions.iter().collect();
    questions.sort_by(|a, b| a.1.order.total_cmp(&b.1.order).then(a.0.cmp(b.0)));
    let mut sources: Vec<String> = ws
        .questions
        .values()
        .filter_map(|q| q.origin.as_ref())
        .filter_map(|o| ws.adoptions.get(&o.template_id).map(|a| a.template_title.clone()))
        .collect();
    sources.sort();
    sources.dedup();
    let questions = questions
        .into_iter()
        .map(|(id, q)| MaturityQuestion {
            id: id.clone(),
            text: q.text.clone(),
            help: q.help.clone(),
            weight: q.weight,
        })
        .collect();
    (questions, QuestionnaireSource::Adopted(sources))
}

/// Weighted score out of 100 (rounded) of answers on the 0–4 scale.
/// Answers to other questions are ignored; a missing answer counts as 0.
pub fn score(questions: &[MaturityQuestion], answers: &BTreeMap<String, u64>) -> f64 {
    let weight = |q: &MaturityQuestion| if q.weight.is_finite() && q.weight > 0.0 { q.weight } else { 0.0 };
    let max: f64 = questions.iter().map(|q| weight(q) * MAX_LEVEL as f64).sum();
    if max == 0.0 {
        return 0.0;
    }
    let total: f64 =
        questions.iter().map(|q| weight(q) * answers.get(&q.id).copied().unwrap_or(0).min(MAX_LEVEL) as f64).sum();
    (total * 100.0 / max).round()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::texts::Question;

    fn answers(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn the_score_is_a_percentage_of_the_maximum() {
        let full: BTreeMap<String, u64> = BUILT_IN_QUESTIONS.iter().map(|(id, _)| (id.to_string(), 9)).collect();
        assert_eq!(score(&built_in(), &full), 100.0, "levels above the maximum count as the maximum");
        assert_eq!(score(&built_in(), &BTreeMap::new()), 0.0);
        assert_eq!(score(&built_in(), &answers(&[("director", 4), ("budget", 2), ("unknown", 4)])), 30.0);
    }

    #[test]
    fn weights_count_and_a_zero_weight_leaves_a_question_out() {
        let q =
            |id: &str, weight: f64| MaturityQuestion { id: id.into(), text: id.into(), help: String::new(), weight };
        let questions = [q("a", 3.0), q("b", 1.0), q("c", 0.0), q("d", f64::NAN)];
        assert_eq!(score(&questions, &answers(&[("a", 4)])), 75.0);
        assert_eq!(score(&questions, &answers(&[("b", 4), ("c", 4), ("d", 4)])), 25.0);
        assert_eq!(
            score(&[q("z", 0.0)], &answers(&[("z", 4)])),
            0.0,
            "no weight at all: no score, no division by zero"
        );
    }

    #[test]
    fn a_workspace_answers_its_adopted_questions_in_order() {
        let mut ws = Workspace::default();
        assert_eq!(questionnaire(&ws).1, QuestionnaireSource::BuiltIn);
        ws.questions
            .insert("q2".into(), Question { text: "Deuxième".into(), weight: 1.0, order: 2.0, ..Default::default() });
        ws.questions
            .insert("q1".into(), Question { text: "Première".into(), weight: 2.0, order: 1.0, ..Default::default() });
        let (questions, source) = questionnaire(&ws);
        assert_eq!(questions.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), ["Première", "Deuxième"]);
        assert_eq!(source, QuestionnaireSource::Adopted(vec![]));
    }
}
