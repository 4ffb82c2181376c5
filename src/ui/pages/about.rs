//! « À propos » : what Gouvernail is, for whom, and the local-first promise,
//! so that a town secretary can tell her mayor where the data lives.

use crate::ui::components::title::set_title;
use leptos::prelude::*;

#[component]
pub fn About() -> impl IntoView {
    set_title(|| "À propos".to_string());
    view! {
        <section class="page prose">
            <h1>"À propos de Gouvernail"</h1>
            <p>
                "Gouvernail aide le directeur de la transformation numérique d'une intercommunalité, "
                "souvent mutualisé entre plusieurs communes, et chaque collectivité membre à piloter "
                "leur stratégie numérique : identifier des indicateurs et les mesurer, suivre les crédits "
                "engagés, l'usage des services par les habitants, la formation des agents, les projets "
                "menés avec des prestataires, la gouvernance des données et la maturité de l'organisation."
            </p>
            <h2>"Pour qui ?"</h2>
            <ul>
                <li>"Le directeur de la transformation numérique mutualisé, qui suit l'ensemble des communes."</li>
                <li>"Les secrétaires de mairie et élus des petites communes, sans service informatique."</li>
                <li>"Les grandes villes qui parrainent des communes (mécénat de compétences) avec des modèles et une feuille de route partagée."</li>
            </ul>
            <h2>"Vos données restent chez vous"</h2>
            <p>
                "Gouvernail fonctionne entièrement dans votre navigateur : aucune donnée n'est envoyée à un serveur. "
                "Les collectivités s'échangent des fichiers ou des liens, et l'application fusionne les modifications "
                "de chacun sans en perdre aucune. Pensez à télécharger régulièrement une sauvegarde."
            </p>
            <h2>"Accessibilité"</h2>
            <p>"Gouvernail vise la conformité au RGAA 4 (WCAG 2.1 niveau AA) : navigation au clavier, contrastes, statuts exprimés en mots et pas seulement en couleurs."</p>
            <p class="version">"Version " {env!("CARGO_PKG_VERSION")}</p>
        </section>
    }
}
