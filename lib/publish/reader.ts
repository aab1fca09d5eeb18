/**
 * How the server and the exports read: open the published build file read-only. A build file is never
 * written after it is published, so whatever a reader opened stays consistent until it closes it.
 */
import { paths } from '../dataDir.js';
import { Database, type Db } from '../db.js';
import { SentinelError } from '../errors.js';
import { readPointer, type PublishedPointer } from './pointer.js';

export interface PublishedBuild {
  pointer: PublishedPointer;
  database: Database;
  db: Db;
  close(): void;
}

export class NoPublishedBuild extends SentinelError {
  constructor(dataDir: string) {
    super('no_build', `no build has been published in ${dataDir} yet; run \`sentinel build\` first`);
  }
}

export async function openPublished(dataDir: string): Promise<PublishedBuild> {
  // Retention may delete an old build between reading the pointer and opening its file; the pointer
  // has then moved on, so read it again.
  for (let attempt = 0; ; attempt++) {
    const pointer = readPointer(dataDir);
    if (!pointer) throw new NoPublishedBuild(dataDir);
    try {
      const database = await Database.open(paths.pointedFile(dataDir, pointer.file), { readOnly: true });
      const db = await database.connect();
      return {
        pointer,
        database,
        db,
        close: () => {
          db.close();
          database.close();
        },
      };
    } catch (e) {
      const moved = readPointer(dataDir)?.build_id !== pointer.build_id;
      if (!moved || attempt >= 3) throw e;
    }
  }
}
