// Run by keytar.test.ts as a child process, inside or outside a D-Bus session:
//   node keychain-client.ts round-trip PROFILE FIELD   (value from $SECRET_VALUE)
//   node keychain-client.ts get PROFILE FIELD
//   node keychain-client.ts headless-get PROFILE FIELD (environment first, then the keychain)
// Prints one JSON line: what was read, or the error's name and message.
import { headlessSecretStore } from '../../../main/core/secrets/chained-secret-store.ts';
import { KeytarSecretStore } from '../../../main/core/secrets/keytar-secret-store.ts';

const [action, profile = '', field = ''] = process.argv.slice(2);
const store = new KeytarSecretStore();

try {
  if (action === 'round-trip') {
    const value = process.env.SECRET_VALUE ?? '';
    await store.set(profile, field, value);
    const readBack = await store.get(profile, field);
    await store.delete(profile, field);
    const afterDelete = await store.get(profile, field);
    console.log(JSON.stringify({ readBack, afterDelete }));
  } else if (action === 'get') {
    console.log(JSON.stringify({ value: await store.get(profile, field) }));
  } else if (action === 'headless-get') {
    console.log(JSON.stringify({ value: await headlessSecretStore().get(profile, field) }));
  } else {
    throw new Error(`unknown action ${action}`);
  }
} catch (error) {
  const { name, message } = error as Error;
  console.log(JSON.stringify({ error: { name, message } }));
}
