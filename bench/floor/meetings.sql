-- The floor of a forum's meetings page: the town's 12 meetings before now (`:offset` skips the
-- earlier ones; the script works it out) with their agenda, decisions and attendance, as
-- `meetings.graphql` answers them. Same order as the API: meetings by start, agenda by
-- position, decisions and attendance by id (meetings that start together by id).
SELECT json_build_object('meetings', json_build_object('items', coalesce(json_agg(
  json_build_object(
    'title', m.title,
    'startsAt', m.starts_at, -- the cluster runs in UTC: JSON gives 2026-01-05T07:00:00+00:00
    'status', m.status,
    'agenda', (SELECT coalesce(json_agg(json_build_object('title', a.title, 'presenter', a.presenter)
                 ORDER BY a.position), '[]') FROM agenda_items a WHERE a.meeting_id = m.id),
    'decisions', (SELECT coalesce(json_agg(json_build_object('text', d.text, 'status', d.status)
                 ORDER BY d.id), '[]') FROM decisions d WHERE d.meeting_id = m.id),
    'attendance', (SELECT coalesce(json_agg(json_build_object('status', at.status,
                     'person', json_build_object('fullName', p.full_name)) ORDER BY at.id), '[]')
                   FROM attendance at JOIN people p ON p.id = at.person_id WHERE at.meeting_id = m.id))
  ORDER BY m.starts_at, m.id), '[]')))
FROM (SELECT * FROM meetings
      WHERE body_id IN (SELECT b.id FROM bodies b JOIN forums f ON f.id = b.forum_id WHERE f.town_id = :town::bigint)
      ORDER BY starts_at, id OFFSET :offset::bigint LIMIT 12) m;
