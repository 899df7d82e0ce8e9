// The project markers as a list of buttons: the keyboard way to reach every marker and its description.
import type { FeatureCollection, Point } from 'geojson';
import type { Lang } from '../../ui/i18n-types.ts';
import type { PublicProject } from '../public-data.ts';
import { PROJECT_KIND, UI_TEXT } from '../../ui/i18n.ts';

export function ProjectList({ projects, lang, onChoose }: { projects: FeatureCollection<Point, PublicProject>; lang: Lang; onChoose: (f: PublicProject, at: [number, number]) => void }) {
  return (
    <section className="pub-section" aria-labelledby="projects-h" data-testid="project-list">
      <h2 id="projects-h">{UI_TEXT.projects[lang]}</h2>
      <p className="pub-note">{UI_TEXT.projectsHint[lang]}</p>
      <ul className="project-list">
        {projects.features.map((f) => (
          <li key={f.properties.id}>
            <button type="button" onClick={() => onChoose(f.properties, f.geometry.coordinates as [number, number])} data-project={f.properties.id}>
              <span className={`kind-chip kind-chip--${f.properties.kind}`}>{PROJECT_KIND[f.properties.kind]?.[lang] ?? f.properties.kind}</span>
              <span>{lang === 'en' ? f.properties.name_en : f.properties.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
