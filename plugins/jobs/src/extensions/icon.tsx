import FitnessCenterIcon from '@material-ui/icons/FitnessCenter';

/** A dumbbell: models in training. */
export const jobsIcon = <FitnessCenterIcon fontSize="inherit" />;
