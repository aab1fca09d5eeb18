-- rules.md: a record dated after as-of does not exist yet for any rule outside §7.
select event_id, event_date
from {{ ref('int_events_counted') }}
where event_date > {{ var('as_of') }}
