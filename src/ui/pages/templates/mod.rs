//! « Modèles » (mécénat de compétences): the template library, a template's
//! sheet, publishing a new version, adopting it into a workspace, and
//! pulling its updates item by item with the town's choices.

mod adopt;
mod library;
mod publish;
mod sheet;

pub use library::Templates;
pub use sheet::TemplateSheet;
