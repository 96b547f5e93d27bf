/** Request bodies the course tests send, as a client would write them. */

export const assignmentBody = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'Seal the tube',
  instructions: 'Photograph the **seal** and explain how you tested it.',
  rubric: [
    {
      title: 'Gas-tight seal',
      weight: 2,
      levels: [
        { label: 'Leaks', points: 0 },
        { label: 'Holds', points: 3 },
      ],
    },
    { title: 'Explanation', description: 'Clear steps', weight: 1, scale: { min: 0, max: 10 } },
  ],
  review: { reviewsPerSubmission: 2, reviewsPerLearner: 3, anonymity: 'double-blind' },
  ...over,
});

export const courseBody = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'Build a tube biogas digester',
  summary: 'Turn kitchen waste into cooking gas.',
  description: 'Built in **Bolivia** and **Rwanda**.',
  language: 'es-bo',
  topics: ['Biogas', 'appropriate technology'],
  license: 'CC-BY-SA-4.0',
  modules: [
    { title: 'Dig the trench', content: 'Dig it *1 m* deep.', assignments: [assignmentBody()] },
    { title: 'Lay the tube', content: 'Two layers of polyethylene.' },
  ],
  ...over,
});
