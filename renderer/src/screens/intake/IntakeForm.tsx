import type { Application } from '../../../../domain/model/application';
import { ChangeSection } from './ChangeSection';
import { ContactSection, EntitySection } from './EntitySection';
import { AdminsSection, AttorneySection, LegalRepsSection } from './PersonsSections';

/** Which sections the paper form of this kind has, in the paper's order (tab order follows). */
export function sectionsFor(app: Application): string[] {
  if (app.kind === 'first_application') return ['entity', 'lrs', 'attorney', 'admins', 'contact'];
  if (app.kind === 'change_of_data') {
    const c = app.change.changes;
    return [
      'changes',
      'entity',
      ...(c.includes('legal_representatives') || app.legalRepresentatives.length > 0 ? ['lrs'] : []),
      'attorney',
      ...(c.includes('add_admin') || app.admins.length > 0 ? ['admins'] : []),
      ...(c.includes('contact') ? ['contact'] : []),
    ];
  }
  return ['entity'];
}

const SECTION = {
  changes: ChangeSection,
  entity: EntitySection,
  lrs: LegalRepsSection,
  attorney: AttorneySection,
  admins: AdminsSection,
  contact: ContactSection,
} as const;

export function IntakeForm({ app, label }: { app: Application; label: string }) {
  return (
    <form className="intake-form" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {sectionsFor(app).map((s) => {
        const Section = SECTION[s as keyof typeof SECTION];
        return <Section key={s} />;
      })}
    </form>
  );
}
