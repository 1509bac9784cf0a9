-- The floor of the country's comparison: every town's counted columns as `comparison.graphql`
-- asks for them — stage, milestones done of all, active teams, open and overdue tasks and
-- decisions, active focuses by kind, whether the last closed quarter's control is approved.
-- `:today` is Israel's date as yyyymmdd, `:quarter` the last closed quarter's code (20263).
-- The API reads health signals, metrics on track and indicators only when a request asks for
-- them (look-ahead); this request does not, so both sides count the same rows.
WITH today AS (SELECT to_date(:today::text, 'YYYYMMDD') AS d),
milestone_counts AS (
  SELECT forum_id, count(*) AS whole, count(done_on) AS part FROM milestones GROUP BY forum_id),
team_counts AS (
  SELECT forum_id, count(*) AS n FROM bodies, today
  WHERE kind IN ('TASK_TEAM', 'AD_HOC_TEAM') AND archived_at IS NULL AND (ends_on IS NULL OR ends_on >= today.d)
  GROUP BY forum_id),
task_counts AS (
  SELECT forum_id, count(*) AS open, count(*) FILTER (WHERE due_on < today.d) AS overdue
  FROM work_plan_tasks, today WHERE status IN ('PLANNED', 'IN_PROGRESS') GROUP BY forum_id),
decision_counts AS (
  SELECT b.forum_id, count(*) AS open, count(*) FILTER (WHERE d.due_on < today.d) AS overdue
  FROM decisions d JOIN meetings m ON m.id = d.meeting_id JOIN bodies b ON b.id = m.body_id, today
  WHERE d.status = 'OPEN' GROUP BY b.forum_id),
focus_counts AS (
  SELECT forum_id, json_agg(json_build_object('kind', kind, 'count', n) ORDER BY
           array_position(ARRAY['EMPLOYERS', 'POPULATION', 'SKILLS', 'GEOGRAPHIC', 'REGIONAL'], kind)) AS kinds
  FROM (SELECT forum_id, kind, count(*) AS n FROM strategic_focuses WHERE status = 'ACTIVE' GROUP BY forum_id, kind) k
  GROUP BY forum_id)
SELECT json_build_object('comparison', json_build_object('rows', coalesce(json_agg(
  json_build_object(
    'town', json_build_object('id', t.id::text, 'nameHe', t.name_he, 'nameEn', t.name_en),
    'stage', f.stage,
    'milestones', json_build_object('part', coalesce(mc.part, 0), 'whole', coalesce(mc.whole, 0)),
    'activeTeams', coalesce(tc.n, 0),
    'openTasks', coalesce(wc.open, 0),
    'overdueTasks', coalesce(wc.overdue, 0),
    'openDecisions', coalesce(dc.open, 0),
    'overdueDecisions', coalesce(dc.overdue, 0),
    'focuses', coalesce(fc.kinds, '[]'),
    'controlApproved', EXISTS (SELECT 1 FROM quarterly_controls qc
                               WHERE qc.forum_id = f.id AND qc.quarter = :quarter::int AND qc.status = 'APPROVED'))
  ORDER BY t.name_he), '[]')))
FROM towns t
LEFT JOIN forums f ON f.town_id = t.id
LEFT JOIN milestone_counts mc ON mc.forum_id = f.id
LEFT JOIN team_counts tc ON tc.forum_id = f.id
LEFT JOIN task_counts wc ON wc.forum_id = f.id
LEFT JOIN decision_counts dc ON dc.forum_id = f.id
LEFT JOIN focus_counts fc ON fc.forum_id = f.id
WHERE t.archived_at IS NULL;
