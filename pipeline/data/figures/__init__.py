"""The figures the report computes from a validated `Dataset`: indicators and key figures,
their statistics (change or chance, funnel limits, intervals), the survey, the goals, the
region and the country, public order, and the rule that hides counts that could point at a person."""
