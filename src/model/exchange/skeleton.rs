//! A roadmap skeleton published as a template starts a shared roadmap.

use crate::model::command::{Command, Entity};
use crate::model::error::{Error, Result};
use crate::model::kinds::roadmap::{RoadmapAction, RoadmapAxis};
use crate::model::kinds::template::Template;

/// The commands filling a new shared roadmap from a template's skeleton: its
/// axes, and its actions under their objective's axis (the objective becomes
/// the action's description). A one-off copy, not an adoption: a shared
/// roadmap belongs to all its participants, so the skeleton's later
/// versions are not pulled into it (a workspace adoption is).
pub fn roadmap_from_skeleton(template: &Template) -> Result<Vec<Command>> {
    if template.axes.is_empty() {
        return Err(Error::invalid("Ce modèle ne contient pas de trame de feuille de route (aucun axe)."));
    }
    let mut axes: Vec<_> = template.axes.iter().collect();
    axes.sort_by(|a, b| a.1.order.total_cmp(&b.1.order).then_with(|| a.0.cmp(b.0)));
    let mut commands = Vec::new();
    let mut order = 0.0;
    for (axis_id, axis) in axes {
        order += 1.0;
        commands.push(Command::Create {
            id: axis_id.clone(),
            entity: Entity::RoadmapAxis(RoadmapAxis { title: axis.title.clone(), order }),
        });
        let mut actions: Vec<_> = template
            .actions
            .iter()
            .filter_map(|(id, a)| {
                template.objectives.get(&a.objective_id).filter(|o| &o.axis_id == axis_id).map(|o| (id, a, o))
            })
            .collect();
        actions.sort_by(|a, b| {
            a.2.order.total_cmp(&b.2.order).then(a.1.order.total_cmp(&b.1.order)).then_with(|| a.0.cmp(b.0))
        });
        for (id, action, objective) in actions {
            order += 1.0;
            let description = if action.description.is_empty() {
                objective.title.clone()
            } else {
                format!("{} — {}", objective.title, action.description)
            };
            let entity = RoadmapAction {
                axis_id: axis_id.clone(),
                title: action.title.clone(),
                description,
                due: action.end.clone(),
                order,
            };
            commands.push(Command::Create { id: id.clone(), entity: Entity::RoadmapAction(entity) });
        }
    }
    Ok(commands)
}
