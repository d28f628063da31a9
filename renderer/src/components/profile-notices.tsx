import type { ProfileStatus } from '../../../preload/api.ts';
import { routeHref } from '../app/routes.ts';

/** A line for each destination that is paused or offline, with why and a way to its settings. */
export function ProfileNotices(props: { readonly profiles: readonly ProfileStatus[] }) {
  const troubled = props.profiles.filter((p) => p.state !== 'active');
  if (troubled.length === 0) return null;
  return (
    <ul className="profile-notices" aria-label="Destinations that need a look">
      {troubled.map((profile) => (
        <li key={profile.id} data-state={profile.state} className="notice notice--warning">
          <strong>{profile.label}</strong>{' '}
          {profile.state === 'offline' ? 'cannot be reached' : 'is paused'}
          {profile.message ? `: ${profile.message}` : ''}{' '}
          <a href={routeHref('settings', profile.id)}>Open its settings</a>
        </li>
      ))}
    </ul>
  );
}
