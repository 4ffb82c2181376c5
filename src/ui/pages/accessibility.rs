//! « Déclaration d'accessibilité » (article 47 of the law of 11 February
//! 2005, RGAA 4.1): the conformity status, what was tested and how, the
//! known limits, whom to contact and the recourse. Linked from every page's
//! footer, as the law asks of the collectivités' online tools.

use crate::ui::components::title::set_title;
use leptos::prelude::*;

/// When the declaration was last reviewed (with the tests it cites).
const ESTABLISHED: &str = "5 décembre 2026";

#[component]
pub fn Accessibility() -> impl IntoView {
    set_title(|| "Déclaration d'accessibilité".to_string());
    view! {
        <section class="page prose" data-testid="accessibility">
            <h1>"Déclaration d'accessibilité"</h1>
            <p>
                "Les collectivités qui utilisent Gouvernail s'engagent à rendre leurs services en ligne accessibles, "
                "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. "
                "Cette déclaration d'accessibilité s'applique à l'application Gouvernail (toutes ses pages, "
                "ainsi que les rapports de pilotage qu'elle produit)."
            </p>

            <h2>"État de conformité"</h2>
            <p data-testid="conformity">
                "Gouvernail est " <strong>"non conforme"</strong> " avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1 : "
                "aucun audit de conformité complet n'a encore été réalisé, et le RGAA demande de déclarer « non conforme » "
                "tout service sans audit en cours de validité. Les tests décrits ci-dessous, menés à chaque version, "
                "visent la conformité aux critères de niveau A et AA."
            </p>

            <h2>"Ce qui a été testé, et comment"</h2>
            <ul>
                <li>
                    "Tests automatisés à chaque version : le moteur " <strong>"axe-core"</strong>
                    " (règles WCAG 2.1 niveaux A et AA) est exécuté par les tests de bout en bout sur chaque écran — accueil, "
                    "création d'un espace, tableau de bord, stratégie et calendrier des projets, fiche projet, indicateurs et fiche "
                    "indicateur, finances, usages, formation, données, maturité, textes, collectivité, documents et partage, import, "
                    "feuille de route partagée, modèles, vue intercommunale, rapports de pilotage (dans l'application et fichier "
                    "téléchargé), sauvegarde, synchronisation en direct (avec un relais), à propos, cette déclaration et la page introuvable. Aucune violation n'est acceptée : "
                    "une seule fait échouer la version."
                </li>
                <li>"Navigation au clavier vérifiée par ces tests : lien d'évitement vers le contenu, calendrier des projets parcouru à la touche Tab et ouvert par Entrée, tableaux triés par des boutons."</li>
                <li>"Contrôles manuels : statuts exprimés en mots et pas seulement par la couleur, graphiques accompagnés d'une alternative textuelle donnant leurs valeurs, calendrier accompagné d'un tableau, tableaux larges défilant dans leur propre cadre, affichage à 390 px de large."</li>
                <li>"Environnement de test : Chromium (Debian) sans interface, piloté par Playwright ; axe-core 4.14."</li>
                <li>"Technologies utilisées : HTML, CSS, SVG, WebAssembly et JavaScript."</li>
            </ul>

            <h2>"Limites connues"</h2>
            <ul>
                <li>"Les tests automatisés ne détectent qu'une partie des défauts possibles ; le rendu avec les lecteurs d'écran (NVDA, JAWS, VoiceOver) n'a pas encore été vérifié systématiquement."</li>
                <li>"Les graphiques détaillés des rapports sont résumés par un texte (nombre de mesures, première et dernière valeur, minimum, maximum, cible) plutôt que par le tableau de toutes leurs valeurs ; l'export CSV des indicateurs donne toutes les valeurs."</li>
            </ul>

            <h2>"Établissement de cette déclaration"</h2>
            <p>{format!("Cette déclaration a été établie le {ESTABLISHED}. Elle est mise à jour à chaque évolution importante de l'application et au plus tard dans trois ans.")}</p>

            <h2>"Retour d'information et contact"</h2>
            <p>
                "Si vous n'arrivez pas à accéder à un contenu ou à un service de Gouvernail, contactez le service numérique de votre "
                "collectivité ou de votre intercommunalité, qui vous a fourni l'application : il vous orientera vers une alternative "
                "accessible ou vous transmettra le contenu sous une autre forme (par exemple un rapport au format HTML ou un export CSV). "
                "Gouvernail ne dispose d'aucun serveur et ne reçoit aucune donnée : le contact se fait directement avec votre collectivité."
            </p>

            <h2>"Voies de recours"</h2>
            <p>
                "Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du service un défaut d'accessibilité "
                "qui vous empêche d'accéder à un contenu ou à un des services, et vous n'avez pas obtenu de réponse satisfaisante. Vous pouvez :"
            </p>
            <ul>
                <li>"écrire un message au Défenseur des droits (formulaire en ligne sur formulaire.defenseurdesdroits.fr) ;"</li>
                <li>"contacter le délégué du Défenseur des droits dans votre région (liste sur defenseurdesdroits.fr) ;"</li>
                <li>"appeler le 09 69 39 00 00 ;"</li>
                <li>"envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07."</li>
            </ul>
        </section>
    }
}
