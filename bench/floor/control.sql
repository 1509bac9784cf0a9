-- The floor of a forum's quarterly control, the part `control.graphql` asks for: the control's
-- record, the active focuses in priority order with their metrics (target, the quarter's value,
-- the quarter before's, the change) and the open decisions of the quarter's meetings.
-- `:forum` is the forum, `:year` and `:number` the quarter. The API reads each task's execution,
-- the teams' counts and the health only when a query asks for them (ADR 0014); this one does not.
WITH q AS (
  SELECT :year::int AS year, :number::int AS number,
         CASE WHEN :number::int = 1 THEN :year::int - 1 ELSE :year::int END AS previous_year,
         CASE WHEN :number::int = 1 THEN 4 ELSE :number::int - 1 END AS previous_number,
         make_timestamptz(:year::int, 3 * :number::int - 2, 1, 0, 0, 0, 'UTC') AS starts,
         make_timestamptz(:year::int, 3 * :number::int - 2, 1, 0, 0, 0, 'UTC') + interval '3 months' AS ends)
SELECT json_build_object('town', json_build_object('forum', json_build_object('control', json_build_object(
  'quarter', q.year || '-Q' || q.number,
  -- The benchmark reads as national staff, who see a control once it is approved.
  'status', coalesce((SELECT status FROM quarterly_controls
                      WHERE forum_id = :forum::bigint AND quarter = q.year * 10 + q.number
                        AND status = 'APPROVED'), 'NONE'),
  'live', json_build_object(
    'focuses', (SELECT coalesce(json_agg(json_build_object(
        'focusId', f.id::text,
        'title', f.title,
        'metrics', (SELECT coalesce(json_agg(json_build_object(
            'metricId', m.id::text,
            'name', m.name,
            'unit', m.unit,
            'recorderName', p.full_name,
            'target', m.target,
            'value', now_.value,
            'previous', before.value,
            'changeSincePrevious', now_.value - before.value) ORDER BY m.position, m.id), '[]')
          FROM outcome_metrics m
          LEFT JOIN people p ON p.id = m.recorder_person_id
          LEFT JOIN measurements now_ ON now_.metric_id = m.id AND now_.year = q.year AND now_.quarter = q.number
          LEFT JOIN measurements before ON before.metric_id = m.id
            AND before.year = q.previous_year AND before.quarter = q.previous_number
          WHERE m.focus_id = f.id))
        ORDER BY f.position, f.id), '[]')
      FROM strategic_focuses f WHERE f.forum_id = :forum::bigint AND f.status = 'ACTIVE'),
    'openDecisions', (SELECT coalesce(json_agg(json_build_object(
        'decisionId', d.id::text, 'text', d.text, 'meetingId', d.meeting_id::text, 'dueOn', d.due_on)
        ORDER BY d.id), '[]')
      FROM decisions d JOIN meetings m ON m.id = d.meeting_id JOIN bodies b ON b.id = m.body_id
      WHERE b.forum_id = :forum::bigint AND d.status = 'OPEN' AND m.starts_at >= q.starts AND m.starts_at < q.ends))))))
FROM q;
