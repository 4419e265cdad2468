/** A published project with a funder (with logo) and a centre's submitted measure, for the security suite. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { withScope } from '../../platform/db/tenant.ts';
import { logoHash, logoPath } from './logo.ts';
import { solidPng } from './png.ts';

export type ProjectWorld = { projectId: string; slug: string; funderId: string; logoUrl: string; measureId: string };

export async function projectWorld(app: FastifyInstance, centreId: string): Promise<ProjectWorld> {
  const now = app.clock.now();
  const projectId = randomUUID();
  const funderId = randomUUID();
  const measureId = randomUUID();
  const slug = 'sicherheitstest-projekt';
  const logo = solidPng(16, 8, [30, 90, 150]);
  const hash = logoHash(logo);
  await withScope(app.database.db, { kind: 'coordination' }, async (trx) => {
    await trx
      .insertInto('project')
      .values({
        id: projectId,
        slug,
        title: 'Sicherheitstest-Projekt',
        goal: 'Ein Ziel.',
        starts_on: '2026-01-01',
        status: 'running',
        published: true,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('funder')
      .values({
        id: funderId,
        name: 'Testförderer',
        credit_line: 'Gefördert vom Testförderer',
        logo,
        logo_kind: 'png',
        logo_hash: hash,
        updated_at: now,
      })
      .execute();
    await trx.insertInto('project_funder').values({ project_id: projectId, funder_id: funderId }).execute();
  });
  await withScope(app.database.db, { kind: 'centre', centreId }, (trx) =>
    trx
      .insertInto('measure')
      .values({
        id: measureId,
        centre_id: centreId,
        title: 'Sprechstunde',
        description: 'Eine Sprechstunde.',
        kind: 'outreach_accommodation',
        region: 'DE-BE',
        starts_on: '2026-02-01',
        updated_at: now,
      })
      .execute(),
  );
  return { projectId, slug, funderId, logoUrl: logoPath(funderId, { kind: 'png', hash }), measureId };
}
