-- The floor of the deep read: the same JSON as `deep-read.graphql`'s `data`, built by PostgreSQL
-- in one statement. Same order and filters as the API: towns by region and English name, the
-- first 14 unarchived; a forum's unarchived bodies by id; a body's members current today, by
-- joining date then id.
SELECT json_build_object('towns', json_build_object('items', coalesce(json_agg(
  json_build_object('nameEn', t.name_en, 'forum', (
    SELECT json_build_object('bodies', coalesce(json_agg(
      json_build_object('name', b.name, 'members', (
        SELECT coalesce(json_agg(
          json_build_object('role', upper(m.role), 'person', json_build_object(
            'fullName', p.full_name,
            'organisation', CASE WHEN o.id IS NULL THEN NULL
              ELSE json_build_object('name', o.name, 'sector', upper(o.sector)) END))
          ORDER BY m.joined_on, m.id), '[]')
        FROM memberships m
        JOIN people p ON p.id = m.person_id
        LEFT JOIN organisations o ON o.id = p.organisation_id
        WHERE m.body_id = b.id AND m.joined_on <= current_date
          AND (m.left_on IS NULL OR m.left_on > current_date)))
      ORDER BY b.id) FILTER (WHERE b.id IS NOT NULL), '[]'))
    FROM forums f LEFT JOIN bodies b ON b.forum_id = f.id AND b.archived_at IS NULL
    WHERE f.town_id = t.id
    GROUP BY f.id))
  ORDER BY t.region_id, t.name_en), '[]')))
FROM (SELECT * FROM towns WHERE archived_at IS NULL ORDER BY region_id, name_en LIMIT 14) t;
