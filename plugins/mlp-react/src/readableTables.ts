import { makeStyles } from '@material-ui/core/styles';

/**
 * For an element holding tables: they scroll sideways when too wide rather than break a
 * header or a value in the middle of a word ("Runtim e", "amira.ha ddad"), which the theme's
 * `word-break: break-word` on table cells would do.
 */
export const useReadableTables = makeStyles({
  area: {
    overflowX: 'auto',
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'normal' },
    '& th': { whiteSpace: 'nowrap' },
  },
});
