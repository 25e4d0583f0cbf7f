import { render, screen } from '@testing-library/react';
import { TruncatedText } from './TruncatedText';

describe('TruncatedText', () => {
  it('cuts the text to one line of the given width, keeping all of it in the page and the title', () => {
    const long = 'x'.repeat(200);
    render(<TruncatedText text={long} maxWidth={180} />);
    const text = screen.getByTitle(long);
    expect(text).toHaveTextContent(long);
    expect(text).toHaveStyle({
      display: 'inline-block',
      maxWidth: '180px',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    });
  });
});
